namespace TaskService.Tasks;

/// <summary>A task as the API shows it, and the field names <c>changes</c> uses.</summary>
public sealed record TaskView(
    long TaskId,
    long JobId,
    string UserId,
    int TaskDefinitionId,
    bool IsImua,
    int TaskNumber,
    string Status,
    decimal Fee,
    DateTimeOffset? ExecutionTimestamp,
    string? ExecutionTxHash,
    long? TaskPerformerId,
    string? ProofOfTask,
    IReadOnlyList<long> TaskAttesterIds,
    string? TpSignature,
    string? TaSignature,
    string? TaskSubmissionTxHash,
    bool? IsSuccessful,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static TaskView From(TaskEntity t) => new(
        t.TaskId, t.JobId, t.UserId, t.TaskDefinitionId, t.IsImua, t.TaskNumber, t.Status, t.Fee,
        t.ExecutionTimestamp, t.ExecutionTxHash, t.TaskPerformerId, t.ProofOfTask,
        [.. t.TaskAttesterIds], t.TpSignature, t.TaSignature, t.TaskSubmissionTxHash, t.IsSuccessful,
        t.CreatedAt, t.UpdatedAt);
}
