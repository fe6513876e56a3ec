namespace TaskService.Tasks;

/// <summary>A task's life: pending → processing → completed, or failed at any point.</summary>
public static class TaskStatuses
{
    public const string Pending = "pending";
    public const string Processing = "processing";
    public const string Completed = "completed";
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Pending, Processing, Completed, Failed];

    public static bool IsKnown(string? status) => status is not null && All.Contains(status, StringComparer.Ordinal);

    /// <summary>Where the background job moves a task next; null for finished tasks.</summary>
    public static string? Next(string status) => status switch
    {
        Pending => Processing,
        Processing => Completed,
        _ => null,
    };
}
