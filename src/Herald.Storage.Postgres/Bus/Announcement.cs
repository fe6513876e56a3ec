using System.Globalization;
using System.Text;

namespace Herald.Storage.Postgres.Bus;

/// <summary>
/// The NOTIFY payload: which offsets of which channels a transaction committed, one
/// <c>first last channel</c> line each. The events themselves are read back from
/// <c>herald_events</c>: a payload is limited to 8000 bytes while one event's data may be
/// 64 KiB, and reading by offset range also fills any gap a node finds.
/// </summary>
internal static class Announcement
{
    // Below PostgreSQL's 8000-byte limit with room for the longest line (128-character channel).
    private const int MaxPayload = 7800;

    public static IEnumerable<string> Encode(IEnumerable<(string Channel, long First, long Last)> ranges)
    {
        var payload = new StringBuilder();
        foreach (var (channel, first, last) in ranges)
        {
            if (payload.Length > MaxPayload)
            {
                yield return payload.ToString();
                payload.Clear();
            }

            if (payload.Length > 0)
            {
                payload.Append('\n');
            }

            payload.Append(CultureInfo.InvariantCulture, $"{first} {last} {channel}");
        }

        if (payload.Length > 0)
        {
            yield return payload.ToString();
        }
    }

    public static IEnumerable<(string Channel, long First, long Last)> Decode(string payload)
    {
        foreach (var line in payload.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ', 3);
            if (parts.Length == 3
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last))
            {
                yield return (parts[2], first, last);
            }
        }
    }
}
