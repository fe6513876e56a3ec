using TaskService.Http;

namespace TaskService.Tasks;

/// <summary><c>PUT /api/tasks/{id}/status</c>: the status, and optionally the task's number in its job.</summary>
public sealed record StatusUpdate(string? Status, int? TaskNumber) : IValidatable
{
    public Dictionary<string, string[]> Validate() => new ValidationErrors()
        .Require(TaskStatuses.IsKnown(Status), "status", "is required: one of " + string.Join(", ", TaskStatuses.All))
        .Require(TaskNumber is null or > 0, "task_number", "must be positive")
        .ToDictionary();
}
