namespace StorageService.Data;

/// <summary>Statuses shared by workflows and tasks.</summary>
public static class WorkStatus
{
    public const string Unspecified = "unspecified";
    public const string InProgress = "in_progress";
    public const string Done = "done";
    public const string Error = "error";
    public const string Queued = "queued";
    public const string Pending = "pending";
    public const string Canceled = "canceled";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Unspecified, InProgress, Done, Error, Queued, Pending, Canceled,
    };
}
