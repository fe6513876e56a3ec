using TaskService.Http;

namespace TaskService.Tasks;

/// <summary><c>POST /api/tasks</c>. The task belongs to the job's owner, who must be the caller.</summary>
public sealed record CreateTaskRequest(long? JobId, int? TaskDefinitionId, bool? IsImua, decimal? Fee) : IValidatable
{
    public Dictionary<string, string[]> Validate() => new ValidationErrors()
        .Require(JobId is > 0, "job_id", "is required and must be a positive job id")
        .Require(TaskDefinitionId is > 0, "task_definition_id", "is required and must be positive")
        .Require(Fee is null || Fees.IsValid(Fee.Value), "fee", Fees.Rule)
        .ToDictionary();
}
