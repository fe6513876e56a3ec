using System.Buffers;
using System.Text;
using System.Text.Json;
using Herald.Log;

namespace StorageService.Monitor;

/// <summary>
/// Writes the storage monitor's envelope (seeds 000/001), one per frame:
/// <c>{"event":{"type":"aip_created_event","value":{"uuid":…,"item":{…}}},"since":"…"}</c>.
/// <c>value</c> is the event's data as published (<c>{uuid, item}</c>); <c>since</c>
/// (<c>&lt;epoch&gt;:&lt;offset&gt;:storage</c>) is what a client passes back as <c>?since=</c> to resume,
/// and a client built from the seed's models ignores it.
/// </summary>
public static class StorageMonitorWriter
{
    /// <summary>The seed's keep-alive, the same bytes every time.</summary>
    public static byte[] Ping { get; } = Encoding.UTF8.GetBytes("{\"event\":{\"type\":\"" + StorageMonitorTypes.Ping + "\",\"value\":{\"message\":\"Ping\"}}}");

    /// <summary>The event as the seed's dashboard parses it; null for events it has no type for.</summary>
    public static byte[]? Event(LogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (StorageMonitorTypes.For(entry.Event) is not { } type)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(entry.Data.Length + 128);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartObject("event");
            w.WriteString("type", type);
            w.WritePropertyName("value");
            w.WriteRawValue(entry.Data.Span, skipInputValidation: true);
            w.WriteEndObject();
            w.WriteString("since", $"{entry.Epoch}:{entry.Offset}:{entry.Channel}");
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
