using System.Text.Json;
using Herald.Log;
using Herald.Protocol;

namespace Herald.AspNetCore.Cluster.Wire;

/// <summary>
/// Writes the cluster status format (seed 004): one JSON object per frame,
/// <c>{"type":&lt;kind&gt;,"data":{…},"timestamp":"…"}</c>. Events also carry
/// <c>since</c> (<c>&lt;epoch&gt;:&lt;offset&gt;:&lt;channel&gt;</c>, as the task service format has it), the value a
/// client passes back as <c>?since=</c> to resume; clients that do not know it ignore it.
/// </summary>
internal static class ClusterMessageWriter
{
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("timestamp");
    private static readonly JsonEncodedText Since = JsonEncodedText.Encode("since");
    private static readonly JsonEncodedText CodeName = JsonEncodedText.Encode("code");
    private static readonly JsonEncodedText MessageName = JsonEncodedText.Encode("message");

    /// <summary>An event of the <c>cluster</c> channel: its name is the kind. Encoded once per event.</summary>
    public static byte[] Event(LogEntry entry) => Message(entry.Event, entry.Data, entry.Timestamp, entry.Epoch, entry.Offset, entry.Channel);

    /// <summary>
    /// The current status at connect, from the channel's snapshot (one message per frame, so the
    /// <c>status</c> item stands for it, as the seed's initial status does); null when there is none.
    /// Its <c>since</c> is the snapshot's: resuming from it replays what came after.
    /// </summary>
    public static byte[]? InitialStatus(string channel, string epoch, long offset, IReadOnlyList<LogEntry> items)
    {
        foreach (var item in items)
        {
            if (item.Event == ClusterKinds.Status)
            {
                return Message(ClusterKinds.Status, item.Data, item.Timestamp, epoch, offset, channel);
            }
        }

        return null;
    }

    public static byte[] Error(string code, string message, DateTimeOffset now) =>
        ServerMessageWriter.Encode((code, message, now), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString(Type, ClusterKinds.Error);
            w.WriteStartObject(Data);
            w.WriteString(CodeName, s.code);
            w.WriteString(MessageName, s.message);
            w.WriteEndObject();
            ServerMessageWriter.WriteTimestamp(w, Timestamp, s.now);
            w.WriteEndObject();
        });

    /// <summary><c>ping</c> or <c>pong</c>: no data, only the time.</summary>
    public static byte[] Heartbeat(string kind, DateTimeOffset now) =>
        ServerMessageWriter.Encode((kind, now), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString(Type, s.kind);
            ServerMessageWriter.WriteTimestamp(w, Timestamp, s.now);
            w.WriteEndObject();
        });

    private static byte[] Message(string kind, ReadOnlyMemory<byte> data, DateTimeOffset timestamp, string epoch, long offset, string channel) =>
        ServerMessageWriter.Encode((kind, data, timestamp, epoch, offset, channel), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString(Type, s.kind);
            w.WritePropertyName(Data);
            w.WriteRawValue(s.data.Span, skipInputValidation: true);
            ServerMessageWriter.WriteTimestamp(w, Timestamp, s.timestamp);
            w.WriteString(Since, $"{s.epoch}:{s.offset}:{s.channel}");
            w.WriteEndObject();
        });
}
