using TaskService.Http;

namespace TaskService.Tasks;

/// <summary><c>PUT /api/tasks/execution/{id}</c>: who executed the task, where and when.</summary>
public sealed record ExecutionUpdate(long? TaskPerformerId, string? ExecutionTxHash, DateTimeOffset? ExecutionTimestamp, string? ProofOfTask) : IValidatable
{
    public Dictionary<string, string[]> Validate() => new ValidationErrors()
        .Require(TaskPerformerId is > 0, "task_performer_id", "is required and must be positive")
        .Require(!string.IsNullOrWhiteSpace(ExecutionTxHash), "execution_tx_hash", "is required")
        .MaxLength(ExecutionTxHash, 128, "execution_tx_hash")
        .MaxLength(ProofOfTask, 4096, "proof_of_task")
        .ToDictionary();
}
