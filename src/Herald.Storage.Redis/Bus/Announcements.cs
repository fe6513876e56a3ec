using System.Globalization;

namespace Herald.Storage.Redis.Bus;

/// <summary>
/// What the append script publishes: one <c>first last channel</c> line per channel it committed
/// to. The events themselves are read back from the log, so an event's size never meets a limit
/// of the notification, and the same read fills any gap a node finds.
/// </summary>
internal static class Announcements
{
    /// <summary>Adds each announced range to <paramref name="ranges"/>, widening a channel's range already there; skips a malformed line.</summary>
    public static void AddTo(Dictionary<string, (long First, long Last)> ranges, string payload)
    {
        foreach (var line in payload.AsSpan().EnumerateLines())
        {
            var space = line.IndexOf(' ');
            var second = space < 0 ? -1 : line[(space + 1)..].IndexOf(' ');
            if (second < 0
                || !long.TryParse(line[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                || !long.TryParse(line.Slice(space + 1, second), NumberStyles.None, CultureInfo.InvariantCulture, out var last))
            {
                continue;
            }

            var channel = line[(space + second + 2)..].ToString();
            ranges[channel] = ranges.TryGetValue(channel, out var known) ? (Math.Min(known.First, first), Math.Max(known.Last, last)) : (first, last);
        }
    }
}
