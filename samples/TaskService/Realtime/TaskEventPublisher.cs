using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Herald.Sources;
using TaskService.Http;
using TaskService.Tasks;

namespace TaskService.Realtime;

/// <summary>
/// Announces one task change to its three rooms in one batch: Herald validates the batch as a
/// whole and appends it in order, so the job, task and user rooms all get it or none does.
/// </summary>
public sealed partial class TaskEventPublisher(IHeraldPublisher publisher, ILogger<TaskEventPublisher> logger)
{
    public async ValueTask PublishAsync(string eventName, TaskEntity task, JsonObject changes, DateTimeOffset timestamp)
    {
        var data = JsonSerializer.SerializeToUtf8Bytes(new TaskEventData(task.TaskId, task.JobId.ToString(CultureInfo.InvariantCulture), task.UserId, changes, timestamp), TaskJson.Options);

        // Keyed by task, so a job room's snapshot holds the latest event of each of its tasks.
        var key = Rooms.Task(task.TaskId);
        PublishRequest[] batch =
        [
            new(Rooms.Job(task.JobId), eventName, data) { Key = key },
            new(Rooms.Task(task.TaskId), eventName, data) { Key = key },
            new(Rooms.User(task.UserId), eventName, data) { Key = key },
        ];

        try
        {
            // Not the caller's token: the change is committed, so its announcement must go out
            // even when the HTTP client has already hung up.
            await publisher.PublishBatchAsync(batch, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The write stands (failing it now would invite a retry that writes twice); the gap is
            // logged. Herald's EF Core outbox (PRODUCT.md §2) is what closes it for good.
            Log.PublishFailed(logger, eventName, task.TaskId, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Error, EventName = "TaskEventPublishFailed", Message = "Publishing {EventName} for task {TaskId} failed; the change is saved but was not announced.")]
        public static partial void PublishFailed(ILogger logger, string eventName, long taskId, Exception exception);
    }
}
