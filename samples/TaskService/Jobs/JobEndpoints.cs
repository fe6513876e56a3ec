using TaskService.ApiKeys;
using TaskService.Http;

namespace TaskService.Jobs;

public static class JobEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/jobs", CreateAsync).WithSummary("Create a job owned by the caller.");

    private static async Task<IResult> CreateAsync(HttpContext context, JobRepository jobs)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateJobRequest>(context);
        if (problem is not null)
        {
            return problem;
        }

        var job = await jobs.CreateAsync(context.Caller().UserId, body!.Name, context.RequestAborted);
        return TypedResults.Created($"/api/jobs/{job.JobId}", job);
    }
}
