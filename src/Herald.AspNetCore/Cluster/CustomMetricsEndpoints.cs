using System.Text.Json;
using Herald.AspNetCore.Authentication;
using Herald.AspNetCore.Http;
using Herald.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Herald.AspNetCore.Cluster;

/// <summary>
/// <c>POST</c> merges metrics, <c>PUT</c> replaces them all, <c>DELETE /{name}</c> removes one;
/// each answers the current set and announces it as <c>custom_metrics</c>. Admin only.
/// </summary>
internal static class CustomMetricsEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, string pattern)
    {
        var group = endpoints.MapGroup(pattern).WithTags("Herald cluster").RequireHerald(HeraldPolicies.Admin);
        group.MapPost("", (HttpContext c, [FromServices] CustomMetricsStore store, [FromServices] ClusterStatusService status) => ChangeAsync(c, store, status, replace: false)).WithName("MergeCustomMetrics");
        group.MapPut("", (HttpContext c, [FromServices] CustomMetricsStore store, [FromServices] ClusterStatusService status) => ChangeAsync(c, store, status, replace: true)).WithName("ReplaceCustomMetrics");
        group.MapDelete("/{name}", DeleteAsync).WithName("DeleteCustomMetric");
        group.MapGet("", ([FromServices] CustomMetricsStore store) => TypedResults.Ok(store.Snapshot())).WithName("CustomMetrics");
    }

    private static async Task<IResult> ChangeAsync(HttpContext context, CustomMetricsStore store, ClusterStatusService status, bool replace)
    {
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

        if (replace)
        {
            store.Replace(metrics);
        }
        else
        {
            store.Merge(metrics);
        }

        return await AnnounceAsync(store, status);
    }

    private static async Task<IResult> DeleteAsync(string name, [FromServices] CustomMetricsStore store, [FromServices] ClusterStatusService status)
    {
        if (!store.Remove(name))
        {
            return Problems.Create(StatusCodes.Status404NotFound, ErrorCodes.BadRequest, "No such metric", $"There is no custom metric '{name}'.");
        }

        return await AnnounceAsync(store, status);
    }

    private static async Task<IResult> AnnounceAsync(CustomMetricsStore store, ClusterStatusService status)
    {
        await status.PublishCustomMetricsAsync();
        return TypedResults.Ok(store.Snapshot());
    }
}
