using Microsoft.EntityFrameworkCore;
using TaskService.Data;
using TaskService.Realtime;

namespace TaskService.Tasks;

/// <summary>
/// The only code that writes tasks: the REST API and the background job both come through here,
/// so every change is announced, whoever made it. Each write saves, then publishes to the job,
/// task and user rooms; an <c>owner</c> argument limits a write to that user's tasks (null: the
/// system, as the background job).
/// </summary>
public sealed class TaskRepository(IDbContextFactory<TaskDbContext> factory, TaskEventPublisher events, TimeProvider time)
{
    // One write at a time, save and publish together: events then reach each room in the order
    // the changes were committed (SQLite serializes writers anyway, so this costs no throughput).
    private readonly SemaphoreSlim _writes = new(1, 1);

    public async ValueTask<TaskView?> GetAsync(long taskId, string owner, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.TaskId == taskId && t.UserId == owner, cancellationToken);
        return task is null ? null : TaskView.From(task);
    }

    /// <summary>Creates a task in one of <paramref name="owner"/>'s jobs; NotFound when the job is not theirs.</summary>
    public async ValueTask<TaskWriteResult> CreateAsync(string owner, CreateTaskRequest request, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var jobId = request.JobId!.Value;
            if (!await db.Jobs.AnyAsync(j => j.JobId == jobId && j.UserId == owner, cancellationToken))
            {
                return TaskWriteResult.NotFound;
            }

            // Inside the write gate, so two creations never take the same number.
            var last = await db.Tasks.Where(t => t.JobId == jobId).MaxAsync(t => (int?)t.TaskNumber, cancellationToken) ?? 0;
            var now = time.GetUtcNow();
            var task = new TaskEntity
            {
                JobId = jobId,
                UserId = owner,
                TaskDefinitionId = request.TaskDefinitionId!.Value,
                IsImua = request.IsImua ?? false,
                Fee = Fees.Normalize(request.Fee ?? 0m),
                TaskNumber = last + 1,
                Status = TaskStatuses.Pending,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Tasks.Add(task);
            await db.SaveChangesAsync(cancellationToken);
            await events.PublishAsync(TaskEvents.Created, task, TaskChanges.Snapshot(task), now);
            return new TaskWriteResult(TaskWriteOutcome.Saved, TaskView.From(task));
        }
        finally
        {
            _writes.Release();
        }
    }

    public ValueTask<TaskWriteResult> UpdateExecutionAsync(long taskId, string? owner, ExecutionUpdate update, CancellationToken cancellationToken) =>
        UpdateAsync(taskId, owner, TaskEvents.Updated, (task, now) =>
        {
            task.TaskPerformerId = update.TaskPerformerId;
            task.ExecutionTxHash = update.ExecutionTxHash;
            task.ExecutionTimestamp = update.ExecutionTimestamp ?? now;
            task.ProofOfTask = update.ProofOfTask;
        }, cancellationToken);

    public ValueTask<TaskWriteResult> UpdateAttestationAsync(long taskId, string? owner, AttestationUpdate update, CancellationToken cancellationToken) =>
        UpdateAsync(taskId, owner, TaskEvents.Updated, (task, _) =>
        {
            task.TaskAttesterIds = [.. update.TaskAttesterIds!];
            task.IsSuccessful = update.IsSuccessful;
            task.TpSignature = update.TpSignature;
            task.TaSignature = update.TaSignature;
            task.TaskSubmissionTxHash = update.TaskSubmissionTxHash;
        }, cancellationToken);

    public ValueTask<TaskWriteResult> UpdateFeeAsync(long taskId, string? owner, decimal fee, CancellationToken cancellationToken) =>
        UpdateAsync(taskId, owner, TaskEvents.FeeUpdated, (task, _) => task.Fee = Fees.Normalize(fee), cancellationToken);

    public ValueTask<TaskWriteResult> UpdateStatusAsync(long taskId, string? owner, string status, int? taskNumber, CancellationToken cancellationToken) =>
        UpdateAsync(taskId, owner, TaskEvents.StatusChanged, (task, _) =>
        {
            task.Status = status;
            task.TaskNumber = taskNumber ?? task.TaskNumber;
        }, cancellationToken);

    /// <summary>
    /// Moves a task from <paramref name="from"/> to <paramref name="to"/>, unless someone moved it
    /// meanwhile (then Unchanged): the background job must not undo a user's status change.
    /// </summary>
    public ValueTask<TaskWriteResult> AdvanceStatusAsync(long taskId, string from, string to, CancellationToken cancellationToken) =>
        UpdateAsync(taskId, owner: null, TaskEvents.StatusChanged, (task, _) =>
        {
            if (task.Status == from)
            {
                task.Status = to;
            }
        }, cancellationToken);

    /// <summary>Tasks that are neither completed nor failed, oldest first.</summary>
    public async ValueTask<IReadOnlyList<TaskView>> ListUnfinishedAsync(int limit, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => t.Status != TaskStatuses.Completed && t.Status != TaskStatuses.Failed)
            .OrderBy(t => t.TaskId)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return [.. tasks.Select(TaskView.From)];
    }

    private async ValueTask<TaskWriteResult> UpdateAsync(long taskId, string? owner, string eventName, Action<TaskEntity, DateTimeOffset> change, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var task = await db.Tasks.SingleOrDefaultAsync(t => t.TaskId == taskId && (owner == null || t.UserId == owner), cancellationToken);
            if (task is null)
            {
                return TaskWriteResult.NotFound;
            }

            var now = time.GetUtcNow();
            var before = TaskChanges.Snapshot(task);
            change(task, now);
            var changes = TaskChanges.Between(before, TaskChanges.Snapshot(task));
            if (changes.Count == 0)
            {
                // Nothing to save and nothing to announce: rooms hear about changes, not calls.
                return new TaskWriteResult(TaskWriteOutcome.Unchanged, TaskView.From(task));
            }

            task.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            await events.PublishAsync(eventName, task, changes, now);
            return new TaskWriteResult(TaskWriteOutcome.Saved, TaskView.From(task));
        }
        finally
        {
            _writes.Release();
        }
    }
}
