namespace TaskService.Tasks;

/// <summary>The event names of PRODUCT.md 4.2, as the original service's clients already switch on them.</summary>
public static class TaskEvents
{
    public const string Created = "TASK_CREATED";
    public const string Updated = "TASK_UPDATED";
    public const string FeeUpdated = "TASK_FEE_UPDATED";
    public const string StatusChanged = "TASK_STATUS_CHANGED";
}
