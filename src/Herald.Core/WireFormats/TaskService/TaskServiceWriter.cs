using System.Globalization;
using System.Text.Json;
using Herald.Log;
using Herald.Protocol;

namespace Herald.WireFormats.TaskService;

/// <summary>Writes the task service's server → client messages, each one JSON object per frame.</summary>
internal static class TaskServiceWriter
{
    /// <summary>
    /// <c>{"type":"TASK_CREATED","data":{…},"timestamp":"…","room":"job:1","since":"…"}</c>: the
    /// event's name and data as published; <c>room</c> and <c>since</c> (what to pass back as a
    /// <c>since</c> parameter to resume) are additions the seed's clients ignore.
    /// </summary>
    public static byte[] Event(LogEntry entry) => ServerMessageWriter.Encode(entry, static (w, e) =>
    {
        w.WriteStartObject();
        w.WriteString(TaskServiceNames.Type, e.Event);
        w.WritePropertyName(TaskServiceNames.Data);
        w.WriteRawValue(e.Data.Span, skipInputValidation: true);
        ServerMessageWriter.WriteTimestamp(w, TaskServiceNames.Timestamp, e.Timestamp);
        w.WriteString(TaskServiceNames.Room, e.Channel);
        w.WriteString(TaskServiceNames.Since, Position(e.Epoch, e.Offset, e.Channel));
        w.WriteEndObject();
    });

    public static byte[] Error(string code, string message, DateTimeOffset now) => ServerMessageWriter.Encode((code, message, now), static (w, s) =>
    {
        w.WriteStartObject();
        w.WriteString(TaskServiceNames.Type, TaskServiceNames.ErrorType);
        w.WriteStartObject(TaskServiceNames.Data);
        w.WriteString(TaskServiceNames.Code, TaskServiceNames.CodeFor(s.code));
        w.WriteString(TaskServiceNames.Message, s.message);
        w.WriteEndObject();
        ServerMessageWriter.WriteTimestamp(w, TaskServiceNames.Timestamp, s.now);
        w.WriteEndObject();
    });

    public static byte[] RoomReply(JsonEncodedText type, string room, string? position, DateTimeOffset now) => ServerMessageWriter.Encode((type, room, position, now), static (w, s) =>
    {
        w.WriteStartObject();
        w.WriteString(TaskServiceNames.Type, s.type);
        w.WriteStartObject(TaskServiceNames.Data);
        w.WriteString(TaskServiceNames.Room, s.room);
        if (s.position is not null)
        {
            w.WriteString(TaskServiceNames.Since, s.position);
        }

        w.WriteEndObject();
        ServerMessageWriter.WriteTimestamp(w, TaskServiceNames.Timestamp, s.now);
        w.WriteEndObject();
    });

    public static byte[] Pong(DateTimeOffset now) => ServerMessageWriter.Encode(now, static (w, now) =>
    {
        w.WriteStartObject();
        w.WriteString(TaskServiceNames.Type, TaskServiceNames.PongType);
        ServerMessageWriter.WriteTimestamp(w, TaskServiceNames.Timestamp, now);
        w.WriteEndObject();
    });

    /// <summary>A <c>since</c> value, as the upgrade's <c>since</c> parameter takes it (<see cref="ConnectPositions"/>).</summary>
    public static string Position(string epoch, long offset, string channel) =>
        string.Create(CultureInfo.InvariantCulture, $"{epoch}:{offset}:{channel}");
}
