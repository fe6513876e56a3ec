using System.Text.Json.Serialization;
using StorageService.Data;

namespace StorageService.Api;

/// <summary>A workflow; <see cref="Tasks"/> only where the API lists an AIP's workflows (events leave it out).</summary>
public sealed record WorkflowItem(Guid Uuid, Guid AipUuid, string Type, string Status, DateTime? StartedAt, DateTime? CompletedAt)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TaskItem>? Tasks { get; init; }

    public static WorkflowItem From(Workflow w) => new(w.Uuid, w.AipUuid, w.Type, w.Status, w.StartedAt, w.CompletedAt);
}
