using System.Text.Json.Nodes;

namespace TaskService.Realtime;

/// <summary>The <c>data</c> of every task event (PRODUCT.md 4.2); <c>changes</c> holds only the fields that changed.</summary>
public sealed record TaskEventData(long TaskId, long JobId, string UserId, JsonObject Changes, DateTimeOffset Timestamp);
