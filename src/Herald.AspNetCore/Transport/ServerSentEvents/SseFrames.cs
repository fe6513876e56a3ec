using System.Buffers;
using System.Text;
using System.Text.Json;
using Herald.Protocol;

namespace Herald.AspNetCore.Transport.ServerSentEvents;

/// <summary>
/// The fields of the event-stream format, written straight into the response pipe. Values never
/// hold a line break: v1 messages are single-line JSON (event data is made so when published) and
/// event names, epochs and channel names cannot contain one.
/// </summary>
internal static class SseFrames
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void WriteData(IBufferWriter<byte> writer, ReadOnlySpan<byte> json)
    {
        writer.Write("data: "u8);
        writer.Write(json);
        writer.Write("\n\n"u8);
    }

    public static void WriteComment(IBufferWriter<byte> writer, ReadOnlySpan<byte> text)
    {
        writer.Write(": "u8);
        writer.Write(text);
        writer.Write("\n\n"u8);
    }

    public static void WriteId(IBufferWriter<byte> writer, StreamVector positions)
    {
        writer.Write("id: "u8);
        positions.WriteTo(writer);
        writer.Write("\n"u8);
    }

    public static void WriteEventName(IBufferWriter<byte> writer, string name)
    {
        writer.Write("event: "u8);
        var span = writer.GetSpan(Encoding.UTF8.GetMaxByteCount(name.Length));
        writer.Advance(Encoding.UTF8.GetBytes(name, span));
        writer.Write("\n"u8);
    }

    /// <summary>How long an <c>EventSource</c> waits before it reconnects, in milliseconds, for the stream's first line.</summary>
    public static void WriteRetry(IBufferWriter<byte> writer, int milliseconds)
    {
        writer.Write(Encoding.ASCII.GetBytes($"retry: {milliseconds}\n\n"));
    }

    /// <summary><c>{"type":"close","code":…,"reason":"…"}</c>: the close code a WebSocket would have carried.</summary>
    public static byte[] Close(int code, string reason)
    {
        var buffer = new ArrayBufferWriter<byte>(96);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("type"u8, "close"u8);
            w.WriteNumber("code"u8, code);
            w.WriteString("reason"u8, reason);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>An <c>error</c> message, for a stream refused after it was accepted (see <see cref="SseEndpoint"/>).</summary>
    public static byte[] Error(string code, string message) => ServerMessageWriter.Error(default, code, message);
}
