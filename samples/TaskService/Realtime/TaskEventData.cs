using System.Text.Json.Nodes;

namespace TaskService.Realtime;

/// <summary>
/// The <c>data</c> of every task event (PRODUCT.md 4.2); <c>changes</c> holds only the fields that
/// changed. <c>job_id</c> is a string, <c>task_id</c> a number, as the service's clients have them (seed 003).
/// </summary>
public sealed record TaskEventData(long TaskId, string JobId, string UserId, JsonObject Changes, DateTimeOffset Timestamp);
