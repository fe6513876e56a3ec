using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Herald.Log;
using Herald.Protocol;

namespace Herald.WireFormats.TaskService;

/// <summary>
/// One task-service client. A <c>SUBSCRIBE</c> to a room named by a <c>since</c> parameter of the
/// upgrade resumes after that position, so a reconnecting client misses nothing the log still holds.
/// </summary>
internal sealed class TaskServiceConnection(WireFormat format, IReadOnlyDictionary<string, StreamPosition> resumeAt, TimeProvider time) : WireConnection(format)
{
    public override bool TryRead(ReadOnlySequence<byte> frame, [NotNullWhen(true)] out ClientMessage? message, out ProtocolError? rejected)
    {
        if (!TaskServiceReader.TryRead(frame, out var command, out var room, out rejected))
        {
            message = null;
            return false;
        }

        message = command switch
        {
            TaskServiceNames.Subscribe => new SubscribeMessage(default, room!, Events: null, resumeAt.TryGetValue(room!, out var since) ? since : null, Snapshot: false),
            TaskServiceNames.Unsubscribe => new UnsubscribeMessage(default, room!),
            _ => new PingMessage(default),
        };
        return true;
    }

    public override byte[]? Subscribed(MessageId id, string channel, string epoch, long offset, bool? recovered) =>
        TaskServiceWriter.RoomReply(TaskServiceNames.SubscribedType, channel, TaskServiceWriter.Position(epoch, offset, channel), time.GetUtcNow());

    public override byte[]? Unsubscribed(MessageId id, string channel, string? reason) =>
        TaskServiceWriter.RoomReply(TaskServiceNames.UnsubscribedType, channel, position: null, time.GetUtcNow());

    public override byte[]? ErrorReply(MessageId id, string code, string message) => TaskServiceWriter.Error(code, message, time.GetUtcNow());

    public override byte[]? Pong(MessageId id) => TaskServiceWriter.Pong(time.GetUtcNow());
}
