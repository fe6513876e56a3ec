using System.Buffers;
using System.Text.Json;

namespace Herald.Client;

/// <summary>Encodes the client's messages (PROTOCOL.md §3), one per frame.</summary>
internal static class ClientMessages
{
    public static readonly byte[] Pong = """{"type":"pong"}"""u8.ToArray();

    public static byte[] Subscribe(long id, string channel, IReadOnlyList<string>? events, StreamPosition? since, bool snapshot) => Write(w =>
    {
        w.WriteString("type", "subscribe");
        w.WriteNumber("id", id);
        w.WriteString("channel", channel);
        if (events is { Count: > 0 })
        {
            w.WriteStartArray("events");
            foreach (var glob in events)
            {
                w.WriteStringValue(glob);
            }

            w.WriteEndArray();
        }

        if (since is not null)
        {
            w.WriteStartObject("since");
            w.WriteString("epoch", since.Epoch);
            w.WriteNumber("offset", since.Offset);
            w.WriteEndObject();
        }

        if (snapshot)
        {
            w.WriteBoolean("snapshot", true);
        }
    });

    public static byte[] Ping(long id) => Write(w =>
    {
        w.WriteString("type", "ping");
        w.WriteNumber("id", id);
    });

    public static byte[] Unsubscribe(long id, string channel) => Write(w =>
    {
        w.WriteString("type", "unsubscribe");
        w.WriteNumber("id", id);
        w.WriteString("channel", channel);
    });

    public static byte[] Refresh(long id, string token) => Write(w =>
    {
        w.WriteString("type", "refresh");
        w.WriteNumber("id", id);
        w.WriteString("token", token);
    });

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
