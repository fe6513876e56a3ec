using TaskService.ApiKeys;
using TaskService.Http;

namespace TaskService.Tasks;

/// <summary>
/// The task API of PRODUCT.md 4.2. Handlers only validate and call <see cref="TaskRepository"/>,
/// which publishes. Someone else's task answers 404, as a missing one does: ids are not secrets,
/// but which of them exist is nobody else's business.
/// </summary>
public static class TaskEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/tasks", CreateAsync).WithSummary("Create a task in one of the caller's jobs (TASK_CREATED).");
        api.MapGet("/tasks/{id:long}", GetAsync).WithSummary("Read one of the caller's tasks.");
        api.MapPut("/tasks/execution/{id:long}", (long id, HttpContext context, TaskRepository tasks) =>
            WriteAsync<ExecutionUpdate>(id, context, (body, owner, ct) => tasks.UpdateExecutionAsync(id, owner, body, ct)))
            .WithSummary("Record execution data (TASK_UPDATED).");
        api.MapPut("/tasks/{id:long}/attestation", (long id, HttpContext context, TaskRepository tasks) =>
            WriteAsync<AttestationUpdate>(id, context, (body, owner, ct) => tasks.UpdateAttestationAsync(id, owner, body, ct)))
            .WithSummary("Record attestation data (TASK_UPDATED).");
        api.MapPut("/tasks/{id:long}/fee", (long id, HttpContext context, TaskRepository tasks) =>
            WriteAsync<FeeUpdate>(id, context, (body, owner, ct) => tasks.UpdateFeeAsync(id, owner, body.Fee!.Value, ct)))
            .WithSummary("Change the fee (TASK_FEE_UPDATED).");
        api.MapPut("/tasks/{id:long}/status", (long id, HttpContext context, TaskRepository tasks) =>
            WriteAsync<StatusUpdate>(id, context, (body, owner, ct) => tasks.UpdateStatusAsync(id, owner, body.Status!, body.TaskNumber, ct)))
            .WithSummary("Change the status and optionally the task number (TASK_STATUS_CHANGED).");
    }

    private static async Task<IResult> CreateAsync(HttpContext context, TaskRepository tasks)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateTaskRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var result = await tasks.CreateAsync(context.Caller().UserId, body!, context.RequestAborted);
        if (result.Outcome == TaskWriteOutcome.NotFound)
        {
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["job_id"] = [$"job {body!.JobId} does not exist or is not yours"] });
        }

        return TypedResults.Created($"/api/tasks/{result.Task!.TaskId}", result.Task);
    }

    private static async Task<IResult> GetAsync(long id, HttpContext context, TaskRepository tasks) =>
        await tasks.GetAsync(id, context.Caller().UserId, context.RequestAborted) is { } task
            ? TypedResults.Ok(task)
            : ApiProblems.NotFound($"Task {id} was not found.");

    private static async Task<IResult> WriteAsync<T>(long id, HttpContext context, Func<T, string, CancellationToken, ValueTask<TaskWriteResult>> write)
        where T : class, IValidatable
    {
        var (body, problem) = await JsonBody.ReadAsync<T>(context);
        if (problem is not null)
        {
            return problem;
        }

        var result = await write(body!, context.Caller().UserId, context.RequestAborted);
        return result.Outcome == TaskWriteOutcome.NotFound
            ? ApiProblems.NotFound($"Task {id} was not found.")
            : TypedResults.Ok(result.Task);
    }
}
