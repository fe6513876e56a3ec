using System.Buffers;
using System.Text.Json;
using Herald.Log;

namespace Herald.Protocol;

/// <summary>
/// Writes server → client messages (PROTOCOL.md §4). Events are encoded once per publish by
/// <see cref="EncodeEvent"/>; replies are small and written per session.
/// </summary>
internal static partial class ServerMessageWriter
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    // Relaxed escaping keeps apostrophes readable; frames are JSON, never embedded in HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] EncodeEvent(LogEntry entry) => Encode(entry, static (w, e) => WriteEventBody(w, e));

    /// <summary>Runs <paramref name="write"/> against a reused thread-local writer and returns the exact bytes.</summary>
    public static byte[] Encode<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, WriterOptions);
        writer.Reset(buffer);
        write(writer, state);
        writer.Flush();
        var bytes = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > 64 * 1024)
        {
            // Do not pin one huge event's buffer to this thread for ever.
            t_buffer = null;
            t_writer = null;
        }

        return bytes;
    }

    internal static void WriteEventBody(Utf8JsonWriter w, LogEntry e)
    {
        w.WriteStartObject();
        w.WriteString(ProtocolNames.Type, ProtocolNames.EventType);
        w.WriteString(ProtocolNames.Channel, e.Channel);
        w.WriteNumber(ProtocolNames.Offset, e.Offset);
        w.WriteString(ProtocolNames.Event, e.Event);
        if (e.Key is not null)
        {
            w.WriteString(ProtocolNames.Key, e.Key);
        }

        if (e.Tombstone)
        {
            w.WriteBoolean(ProtocolNames.Tombstone, true);
        }

        w.WritePropertyName(ProtocolNames.Data);
        w.WriteRawValue(e.Data.Span, skipInputValidation: true);
        WriteTimestamp(w, ProtocolNames.Ts, e.Timestamp);
        w.WriteEndObject();
    }

    internal static void WriteTimestamp(Utf8JsonWriter w, JsonEncodedText name, DateTimeOffset ts)
    {
        // ISO 8601 UTC with milliseconds, as in the contract's examples.
        Span<byte> utf8 = stackalloc byte[32];
        ts.UtcDateTime.TryFormat(utf8, out var written, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
        w.WriteString(name, utf8[..written]);
    }

    internal static void WriteId(Utf8JsonWriter w, MessageId id)
    {
        if (id.Text is not null)
        {
            w.WriteString(ProtocolNames.Id, id.Text);
        }
        else if (id.Number is not null)
        {
            w.WritePropertyName(ProtocolNames.Id);
            w.WriteRawValue(id.Number, skipInputValidation: true);
        }
    }
}
