namespace TaskService.Tasks;

/// <summary>A row of <c>tasks</c>. Written only by <see cref="TaskRepository"/>, so every change is announced.</summary>
public sealed class TaskEntity
{
    public long TaskId { get; set; }

    public long JobId { get; set; }

    /// <summary>The owner of the task's job, copied here so a user's room needs no join.</summary>
    public string UserId { get; set; } = "";

    public int TaskDefinitionId { get; set; }

    public bool IsImua { get; set; }

    /// <summary>Position of the task in its job: 1, 2, … (assigned on creation, movable by a status update).</summary>
    public int TaskNumber { get; set; }

    public string Status { get; set; } = TaskStatuses.Pending;

    public decimal Fee { get; set; }

    // Execution data (PUT /api/tasks/execution/{id}).
    public DateTimeOffset? ExecutionTimestamp { get; set; }

    public string? ExecutionTxHash { get; set; }

    public long? TaskPerformerId { get; set; }

    public string? ProofOfTask { get; set; }

    // Attestation data (PUT /api/tasks/{id}/attestation).
    public List<long> TaskAttesterIds { get; set; } = [];

    public string? TpSignature { get; set; }

    public string? TaSignature { get; set; }

    public string? TaskSubmissionTxHash { get; set; }

    public bool? IsSuccessful { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
