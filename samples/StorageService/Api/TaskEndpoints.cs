using Microsoft.EntityFrameworkCore;
using StorageService.Data;

namespace StorageService.Api;

public static class TaskEndpoints
{
    public static void Map(RouteGroupBuilder storage)
    {
        storage.MapGet("/workflows/{uuid:guid}/tasks", ListAsync).Requires(StorageAttributes.WorkflowsList);
        storage.MapPost("/workflows/{uuid:guid}/tasks", CreateAsync).Requires(StorageAttributes.WorkflowsWrite);
        storage.MapGet("/tasks/{uuid:guid}", ReadAsync).Requires(StorageAttributes.WorkflowsList);
        storage.MapPatch("/tasks/{uuid:guid}", UpdateAsync).Requires(StorageAttributes.WorkflowsWrite);
    }

    private static async Task<IResult> ListAsync(Guid uuid, StorageDb db, CancellationToken ct)
    {
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.WorkflowUuid == uuid).OrderBy(t => t.Uuid).ToListAsync(ct);
        return TypedResults.Ok(tasks.Select(TaskItem.From));
    }

    private static async Task<IResult> ReadAsync(Guid uuid, StorageDb db, CancellationToken ct) =>
        await db.Tasks.FindAsync([uuid], ct) is { } t ? TypedResults.Ok(TaskItem.From(t)) : ApiProblems.NotFound("task");

    private static async Task<IResult> CreateAsync(Guid uuid, WorkRequest body, StorageDb db, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Name))
        {
            return ApiProblems.Invalid("A task needs a name.");
        }

        if (WorkStatuses.Check(body.Status) is { } problem)
        {
            return problem;
        }

        if (!await db.Workflows.AnyAsync(w => w.Uuid == uuid, ct))
        {
            return ApiProblems.NotFound("workflow");
        }

        var task = new AipTask { Uuid = Guid.CreateVersion7(), WorkflowUuid = uuid, Name = body.Name.Trim(), Note = body.Note ?? "" };
        WorkStatuses.Apply(body.Status ?? WorkStatus.Queued, s => task.Status = s, task.StartedAt, t => task.StartedAt = t, t => task.CompletedAt = t, time);
        db.Tasks.Add(task);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/storage/tasks/{task.Uuid}", TaskItem.From(task));
    }

    private static async Task<IResult> UpdateAsync(Guid uuid, WorkRequest body, StorageDb db, TimeProvider time, CancellationToken ct)
    {
        if (WorkStatuses.Check(body.Status) is { } problem)
        {
            return problem;
        }

        if (await db.Tasks.FindAsync([uuid], ct) is not { } task)
        {
            return ApiProblems.NotFound("task");
        }

        task.Note = body.Note ?? task.Note;
        if (body.Status is { } status)
        {
            WorkStatuses.Apply(status, s => task.Status = s, task.StartedAt, t => task.StartedAt = t, t => task.CompletedAt = t, time);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(TaskItem.From(task));
    }
}
