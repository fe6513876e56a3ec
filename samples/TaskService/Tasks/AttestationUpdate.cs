using TaskService.Http;

namespace TaskService.Tasks;

/// <summary><c>PUT /api/tasks/{id}/attestation</c>: who attested the execution, and the verdict.</summary>
public sealed record AttestationUpdate(
    IReadOnlyList<long>? TaskAttesterIds,
    bool? IsSuccessful,
    string? TpSignature,
    string? TaSignature,
    string? TaskSubmissionTxHash) : IValidatable
{
    public const int MaxAttesters = 64;

    public Dictionary<string, string[]> Validate() => new ValidationErrors()
        .Require(TaskAttesterIds is { Count: > 0 and <= MaxAttesters }, "task_attester_ids", $"is required: 1 to {MaxAttesters} attester ids")
        .Require(TaskAttesterIds is null || TaskAttesterIds.All(id => id > 0), "task_attester_ids", "ids must be positive")
        .Require(IsSuccessful is not null, "is_successful", "is required (true or false)")
        .MaxLength(TpSignature, 512, "tp_signature")
        .MaxLength(TaSignature, 512, "ta_signature")
        .MaxLength(TaskSubmissionTxHash, 128, "task_submission_tx_hash")
        .ToDictionary();
}
