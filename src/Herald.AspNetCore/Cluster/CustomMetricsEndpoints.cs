using System.Text.Json;
using Herald.AspNetCore.Http;
using Herald.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.AspNetCore.Cluster;

/// <summary>
/// <c>POST</c> merges metrics, <c>PUT</c> replaces them all, <c>DELETE /{name}</c> removes one;
/// each answers the current set and announces it as <c>custom_metrics</c>. Admin only.
/// </summary>
internal static class CustomMetricsEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, string pattern)
    {
        var group = endpoints.MapGroup(pattern).WithTags("Herald cluster");
        group.MapPost("", (Func<HttpContext, Task<IResult>>)(c => ChangeAsync(c, replace: false))).WithName("MergeCustomMetrics");
        group.MapPut("", (Func<HttpContext, Task<IResult>>)(c => ChangeAsync(c, replace: true))).WithName("ReplaceCustomMetrics");
        group.MapDelete("/{name}", (Func<HttpContext, string, Task<IResult>>)DeleteAsync).WithName("DeleteCustomMetric");
        group.MapGet("", (Func<HttpContext, Task<IResult>>)GetAsync).WithName("CustomMetrics");
    }

    private static async Task<IResult> ChangeAsync(HttpContext context, bool replace)
    {
        var (_, failure) = await HttpAuth.AuthenticateAsync(context, "admin");
        if (failure is not null)
        {
            return failure;
        }

        Dictionary<string, JsonElement>? metrics;
        try
        {
            metrics = await JsonSerializer.DeserializeAsync<Dictionary<string, JsonElement>>(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException ex)
        {
            return Problems.FromCode(ErrorCodes.BadRequest, "The body must be a JSON object of metric name → value: " + ex.Message);
        }

        if (metrics is null || metrics.Keys.Any(k => string.IsNullOrWhiteSpace(k) || k.Length > 128))
        {
            return Problems.FromCode(ErrorCodes.BadRequest, "The body must be a JSON object of metric name → value.");
        }

        var store = context.RequestServices.GetRequiredService<CustomMetricsStore>();
        if (replace)
        {
            store.Replace(metrics);
        }
        else
        {
            store.Merge(metrics);
        }

        return await AnnounceAsync(context);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string name)
    {
        var (_, failure) = await HttpAuth.AuthenticateAsync(context, "admin");
        if (failure is not null)
        {
            return failure;
        }

        if (!context.RequestServices.GetRequiredService<CustomMetricsStore>().Remove(name))
        {
            return Problems.Create(StatusCodes.Status404NotFound, ErrorCodes.BadRequest, "No such metric", $"There is no custom metric '{name}'.");
        }

        return await AnnounceAsync(context);
    }

    private static async Task<IResult> GetAsync(HttpContext context)
    {
        var (_, failure) = await HttpAuth.AuthenticateAsync(context, "admin");
        return failure ?? TypedResults.Ok(context.RequestServices.GetRequiredService<CustomMetricsStore>().Snapshot());
    }

    private static async Task<IResult> AnnounceAsync(HttpContext context)
    {
        await context.RequestServices.GetRequiredService<ClusterStatusService>().PublishCustomMetricsAsync();
        return TypedResults.Ok(context.RequestServices.GetRequiredService<CustomMetricsStore>().Snapshot());
    }
}
