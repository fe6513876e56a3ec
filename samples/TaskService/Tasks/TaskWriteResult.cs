namespace TaskService.Tasks;

/// <summary>What a repository write did, and the task as it now is (null when not found).</summary>
public sealed record TaskWriteResult(TaskWriteOutcome Outcome, TaskView? Task)
{
    public static readonly TaskWriteResult NotFound = new(TaskWriteOutcome.NotFound, null);
}
