using Microsoft.EntityFrameworkCore;
using StorageService.Data;

namespace StorageService.Api;

public static class WorkflowEndpoints
{
    public static void Map(RouteGroupBuilder storage)
    {
        storage.MapGet("/aips/{uuid:guid}/workflows", ListAsync).Requires(StorageAttributes.WorkflowsList);
        storage.MapPost("/aips/{uuid:guid}/workflows", CreateAsync).Requires(StorageAttributes.WorkflowsWrite);
        storage.MapGet("/workflows/{uuid:guid}", ReadAsync).Requires(StorageAttributes.WorkflowsList);
        storage.MapPatch("/workflows/{uuid:guid}", UpdateAsync).Requires(StorageAttributes.WorkflowsWrite);
    }

    /// <summary>The AIP's workflows, oldest first, each with its tasks.</summary>
    private static async Task<IResult> ListAsync(Guid uuid, StorageDb db, CancellationToken ct)
    {
        if (!await db.Aips.AnyAsync(a => a.Uuid == uuid, ct))
        {
            return ApiProblems.NotFound("AIP");
        }

        var workflows = await db.Workflows.AsNoTracking().Include(w => w.Tasks)
            .Where(w => w.AipUuid == uuid).OrderBy(w => w.Uuid).ToListAsync(ct);
        return TypedResults.Ok(workflows.Select(WithTasks));
    }

    private static async Task<IResult> ReadAsync(Guid uuid, StorageDb db, CancellationToken ct) =>
        await db.Workflows.AsNoTracking().Include(w => w.Tasks).FirstOrDefaultAsync(w => w.Uuid == uuid, ct) is { } w
            ? TypedResults.Ok(WithTasks(w))
            : ApiProblems.NotFound("workflow");

    private static async Task<IResult> CreateAsync(Guid uuid, WorkRequest body, StorageDb db, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Type))
        {
            return ApiProblems.Invalid("A workflow needs a type (move, delete, review…).");
        }

        if (WorkStatuses.Check(body.Status) is { } problem)
        {
            return problem;
        }

        if (!await db.Aips.AnyAsync(a => a.Uuid == uuid, ct))
        {
            return ApiProblems.NotFound("AIP");
        }

        var workflow = new Workflow { Uuid = Guid.CreateVersion7(), AipUuid = uuid, Type = body.Type.Trim() };
        WorkStatuses.Apply(body.Status ?? WorkStatus.Queued, s => workflow.Status = s, workflow.StartedAt, t => workflow.StartedAt = t, t => workflow.CompletedAt = t, time);
        db.Workflows.Add(workflow);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/storage/workflows/{workflow.Uuid}", WorkflowItem.From(workflow));
    }

    private static async Task<IResult> UpdateAsync(Guid uuid, WorkRequest body, StorageDb db, TimeProvider time, CancellationToken ct)
    {
        if (WorkStatuses.Check(body.Status) is { } problem)
        {
            return problem;
        }

        if (await db.Workflows.FindAsync([uuid], ct) is not { } workflow)
        {
            return ApiProblems.NotFound("workflow");
        }

        if (body.Status is { } status)
        {
            WorkStatuses.Apply(status, s => workflow.Status = s, workflow.StartedAt, t => workflow.StartedAt = t, t => workflow.CompletedAt = t, time);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(WorkflowItem.From(workflow));
    }

    private static WorkflowItem WithTasks(Workflow w) =>
        WorkflowItem.From(w) with { Tasks = [.. w.Tasks.OrderBy(t => t.Uuid).Select(TaskItem.From)] };
}
