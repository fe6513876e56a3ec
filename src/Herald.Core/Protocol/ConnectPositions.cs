using System.Globalization;
using Herald.Channels;
using Herald.Log;

namespace Herald.Protocol;

/// <summary>
/// The <c>since</c> query parameters of a WebSocket upgrade: where the mount's server-side
/// subscriptions resume, each <c>&lt;epoch&gt;:&lt;offset&gt;:&lt;channel&gt;</c>. The channel
/// comes last because channel names may contain ':'; epochs and offsets never do.
/// </summary>
public static class ConnectPositions
{
    public const string QueryName = "since";

    public static readonly IReadOnlyDictionary<string, StreamPosition> None = new Dictionary<string, StreamPosition>();

    /// <summary>Parses every value; on the first bad one returns false with a message for the client.</summary>
    public static bool TryParse(IEnumerable<string?> values, out IReadOnlyDictionary<string, StreamPosition> positions, out string? error)
    {
        var parsed = new Dictionary<string, StreamPosition>(StringComparer.Ordinal);
        positions = parsed;
        foreach (var value in values)
        {
            if (!TryParseOne(value, out var channel, out var position))
            {
                error = $"A '{QueryName}' parameter is <epoch>:<offset>:<channel>, the offset a non-negative integer; got '{Shorten(value)}'.";
                return false;
            }

            if (!parsed.TryAdd(channel, position))
            {
                error = $"Channel '{channel}' has more than one '{QueryName}' parameter.";
                return false;
            }
        }

        error = null;
        return true;
    }

    private static bool TryParseOne(string? value, out string channel, out StreamPosition position)
    {
        channel = "";
        position = default;
        var text = value.AsSpan();
        var first = text.IndexOf(':');
        if (first <= 0)
        {
            return false;
        }

        var rest = text[(first + 1)..];
        var second = rest.IndexOf(':');
        if (second <= 0
            || !long.TryParse(rest[..second], NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            || !ChannelName.IsValid(rest[(second + 1)..]))
        {
            return false;
        }

        channel = rest[(second + 1)..].ToString();
        position = new StreamPosition(text[..first].ToString(), offset);
        return true;
    }

    private static string Shorten(string? value) => value is null ? "" : value.Length <= 200 ? value : value[..200] + "…";
}
