using TaskService.Http;

namespace TaskService.Jobs;

/// <summary><c>POST /api/jobs</c>: a job owned by the caller.</summary>
public sealed record CreateJobRequest(string? Name) : IValidatable
{
    public Dictionary<string, string[]> Validate() => new ValidationErrors().MaxLength(Name, 200, "name").ToDictionary();
}
