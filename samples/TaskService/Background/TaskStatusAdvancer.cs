using Microsoft.Extensions.Options;
using TaskService.Tasks;

namespace TaskService.Background;

/// <summary>
/// Stands in for the workers that execute tasks: every interval it moves unfinished tasks one step
/// (pending → processing → completed). It writes through <see cref="TaskRepository"/> like the REST
/// API does, which is the point: a change that no HTTP request made is announced all the same.
/// </summary>
public sealed partial class TaskStatusAdvancer(TaskRepository tasks, IOptions<StatusAdvancerOptions> options, TimeProvider time, ILogger<TaskStatusAdvancer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(o.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await AdvanceOnceAsync(o.BatchSize, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A locked or unreachable database must not end the job: try again next tick.
                    Log.PassFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass; returns how many tasks moved.</summary>
    public async ValueTask<int> AdvanceOnceAsync(int batchSize, CancellationToken cancellationToken)
    {
        var moved = 0;
        foreach (var task in await tasks.ListUnfinishedAsync(batchSize, cancellationToken))
        {
            if (TaskStatuses.Next(task.Status) is { } next
                && (await tasks.AdvanceStatusAsync(task.TaskId, task.Status, next, cancellationToken)).Outcome == TaskWriteOutcome.Saved)
            {
                Log.Advanced(logger, task.TaskId, task.Status, next);
                moved++;
            }
        }

        return moved;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 200, Level = LogLevel.Debug, EventName = "TaskAdvanced", Message = "Task {TaskId}: {From} -> {To}.")]
        public static partial void Advanced(ILogger logger, long taskId, string from, string to);

        [LoggerMessage(EventId = 201, Level = LogLevel.Warning, EventName = "AdvancePassFailed", Message = "A status advancer pass failed; retrying next interval.")]
        public static partial void PassFailed(ILogger logger, Exception exception);
    }
}
