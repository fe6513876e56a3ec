using System.Buffers.Text;

namespace Herald.LoadGen.Protocols;

/// <summary>
/// Pulls channel, offset and the publish timestamp out of an event message by searching its bytes. The three
/// servers put these under the same names (Herald and ws at the top level, SignalR inside its one argument),
/// and the harness's own payload has no field that could be mistaken for them, so no JSON parse is needed
/// on the per-delivery path, which keeps the generator's CPU for receiving.
/// </summary>
internal static class EventScanner
{
    private static ReadOnlySpan<byte> ChannelKey => "\"channel\":\""u8;

    private static ReadOnlySpan<byte> OffsetKey => "\"offset\":"u8;

    private static ReadOnlySpan<byte> TimestampKey => "\"t\":"u8;

    public static bool TryRead(ReadOnlySpan<byte> message, out ReadOnlySpan<byte> channel, out long offset, out long timestamp)
    {
        channel = default;
        offset = 0;
        timestamp = 0;
        var c = message.IndexOf(ChannelKey);
        if (c < 0)
        {
            return false;
        }

        var rest = message[(c + ChannelKey.Length)..];
        var end = rest.IndexOf((byte)'"');
        if (end < 0)
        {
            return false;
        }

        channel = rest[..end];
        if (!TryReadNumber(message, OffsetKey, out offset))
        {
            return false;
        }

        TryReadNumber(message, TimestampKey, out timestamp);
        return true;
    }

    private static bool TryReadNumber(ReadOnlySpan<byte> message, ReadOnlySpan<byte> key, out long value)
    {
        value = 0;
        var at = message.IndexOf(key);
        return at >= 0 && Utf8Parser.TryParse(message[(at + key.Length)..], out value, out _);
    }
}
