namespace TaskService.Tasks;

public enum TaskWriteOutcome
{
    /// <summary>No such task (or job) for this caller.</summary>
    NotFound,

    /// <summary>The write changed nothing, so nothing was saved or announced.</summary>
    Unchanged,

    /// <summary>Saved, then announced to the job, task and user rooms.</summary>
    Saved,
}
