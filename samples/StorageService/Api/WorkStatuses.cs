using StorageService.Data;

namespace StorageService.Api;

/// <summary>Status changes of workflows and tasks, which also stamp when work started and ended.</summary>
internal static class WorkStatuses
{
    public static IResult? Check(string? status) =>
        status is null || WorkStatus.All.Contains(status)
            ? null
            : ApiProblems.Invalid($"Unknown status '{status}'; one of: {string.Join(", ", WorkStatus.All)}.");

    public static void Apply(string status, Action<string> setStatus, DateTime? startedAt, Action<DateTime> setStarted, Action<DateTime> setCompleted, TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        setStatus(status);
        if (status == WorkStatus.InProgress && startedAt is null)
        {
            setStarted(now);
        }

        if (status is WorkStatus.Done or WorkStatus.Error or WorkStatus.Canceled)
        {
            setCompleted(now);
        }
    }
}
