using System.Buffers;
using System.Text;
using System.Text.Json;
using Herald.Client;

namespace Herald.Cli.Tail;

/// <summary>
/// JSON lines for scripts: events and snapshots exactly as the protocol's <c>event</c> and
/// <c>snapshot</c> messages, and <c>{"type":"gap",…}</c> when a resume was not recovered.
/// </summary>
internal sealed class JsonLinePrinter(TextWriter output) : ITailPrinter
{
    public void Print(ChannelUpdate update)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            switch (update)
            {
                case HeraldEvent e:
                    w.WriteStartObject();
                    w.WriteString("type", "event");
                    w.WriteString("channel", e.Channel);
                    w.WriteNumber("offset", e.Offset);
                    w.WriteString("event", e.Event);
                    if (e.Key is not null)
                    {
                        w.WriteString("key", e.Key);
                    }

                    WriteData(w, e.Data);
                    if (e.Tombstone)
                    {
                        w.WriteBoolean("tombstone", true);
                    }

                    w.WriteString("ts", Timestamp(e.Timestamp));
                    w.WriteEndObject();
                    break;
                case HeraldSnapshot s:
                    w.WriteStartObject();
                    w.WriteString("type", "snapshot");
                    w.WriteString("channel", s.Channel);
                    w.WriteString("epoch", s.Position.Epoch);
                    w.WriteNumber("offset", s.Position.Offset);
                    w.WriteStartArray("items");
                    foreach (var item in s.Items)
                    {
                        w.WriteStartObject();
                        w.WriteString("key", item.Key);
                        w.WriteNumber("offset", item.Offset);
                        w.WriteString("event", item.Event);
                        WriteData(w, item.Data);
                        w.WriteString("ts", Timestamp(item.Timestamp));
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                    break;
                case HistoryGap g:
                    w.WriteStartObject();
                    w.WriteString("type", "gap");
                    w.WriteString("channel", g.Channel);
                    w.WriteStartObject("since");
                    w.WriteString("epoch", g.Since.Epoch);
                    w.WriteNumber("offset", g.Since.Offset);
                    w.WriteEndObject();
                    w.WriteString("epoch", g.Position.Epoch);
                    w.WriteNumber("offset", g.Position.Offset);
                    w.WriteBoolean("snapshot_follows", g.SnapshotFollows);
                    w.WriteEndObject();
                    break;
                default:
                    return;
            }
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    private static void WriteData(Utf8JsonWriter w, JsonElement data)
    {
        w.WritePropertyName("data");
        if (data.ValueKind == JsonValueKind.Undefined)
        {
            w.WriteNullValue();
        }
        else
        {
            data.WriteTo(w);
        }
    }

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
