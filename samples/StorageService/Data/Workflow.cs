namespace StorageService.Data;

/// <summary>A process run on an AIP (move, delete, review…), made of tasks.</summary>
public sealed class Workflow
{
    public Guid Uuid { get; set; }

    public Guid AipUuid { get; set; }

    public string Type { get; set; } = "";

    /// <summary>One of <see cref="WorkStatus.All"/>.</summary>
    public string Status { get; set; } = WorkStatus.Unspecified;

    public DateTime? StartedAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    public List<AipTask> Tasks { get; set; } = [];
}
