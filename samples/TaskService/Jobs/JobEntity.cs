namespace TaskService.Jobs;

/// <summary>A row of <c>jobs</c>: a user's group of tasks, and the unit of the <c>job:{id}</c> room.</summary>
public sealed class JobEntity
{
    public long JobId { get; set; }

    public string UserId { get; set; } = "";

    public string? Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
