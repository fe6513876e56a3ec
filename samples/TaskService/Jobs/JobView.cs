namespace TaskService.Jobs;

public sealed record JobView(long JobId, string UserId, string? Name, DateTimeOffset CreatedAt)
{
    public static JobView From(JobEntity job) => new(job.JobId, job.UserId, job.Name, job.CreatedAt);
}
