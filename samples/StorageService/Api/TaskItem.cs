using StorageService.Data;

namespace StorageService.Api;

public sealed record TaskItem(Guid Uuid, Guid WorkflowUuid, string Name, string Status, string Note, DateTime? StartedAt, DateTime? CompletedAt)
{
    public static TaskItem From(AipTask t) => new(t.Uuid, t.WorkflowUuid, t.Name, t.Status, t.Note, t.StartedAt, t.CompletedAt);
}
