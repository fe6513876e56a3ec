using Herald.Log;
using Herald.Protocol;

namespace Herald.WireFormats.TaskService;

/// <summary>
/// The task data service's messages (seed 003): <c>SUBSCRIBE</c>/<c>UNSUBSCRIBE</c> with
/// <c>data.room</c> in, <c>{"type":"TASK_CREATED","data":{…},"timestamp":"…"}</c> out, one message per
/// frame, errors as <c>ERROR</c> with the service's codes. Its browser clients never answer a JSON ping,
/// so dead peers are found by WebSocket pings, and over-limit connections are told after the upgrade.
/// </summary>
internal sealed class TaskServiceFormat(TimeProvider time) : WireFormat(FormatName)
{
    public const string FormatName = "task-service";

    public override bool RejectsAfterUpgrade => true;

    public override byte[]? EncodeEvent(LogEntry entry) => TaskServiceWriter.Event(entry);

    public override WireConnection CreateConnection(WireConnectContext context) => new TaskServiceConnection(this, context.ResumeAt, context.Time);

    public override byte[]? Rejection(string code, string message) => TaskServiceWriter.Error(code, message, time.GetUtcNow());
}
