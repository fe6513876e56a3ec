namespace StorageService.Data;

/// <summary>A task of a workflow (PRODUCT.md's "Task"; named so it does not shadow System.Threading.Tasks.Task).</summary>
public sealed class AipTask
{
    public Guid Uuid { get; set; }

    public Guid WorkflowUuid { get; set; }

    public string Name { get; set; } = "";

    /// <summary>One of <see cref="WorkStatus.All"/>.</summary>
    public string Status { get; set; } = WorkStatus.Unspecified;

    public string Note { get; set; } = "";

    public DateTime? StartedAt { get; set; }

    public DateTime? CompletedAt { get; set; }
}
