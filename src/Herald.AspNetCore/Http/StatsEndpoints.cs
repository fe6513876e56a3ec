using System.Text.Json;
using Herald.Cluster;
using Herald.Configuration;
using Herald.Diagnostics;
using Herald.Hub;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Herald.AspNetCore.Http;

/// <summary><c>GET /api/stats</c> and <c>GET /api/channels</c>, both for <c>admin</c>.</summary>
internal static class StatsEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/stats", (Func<HttpContext, Task<IResult>>)StatsAsync)
            .WithName("Stats")
            .WithSummary("Connections, channels, subscriptions and rates, per node and for the cluster.")
            .Produces<StatsResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/channels", (Func<HttpContext, Task<IResult>>)ChannelsAsync)
            .WithName("Channels")
            .WithSummary("Active channels with their subscriber counts.")
            .Produces<ChannelsResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    internal static NodeStats Local(IServiceProvider services)
    {
        var counters = services.GetRequiredService<HeraldCounters>();
        var (eventsIn, deliveries) = services.GetRequiredService<RateSampler>().Rates;
        return new NodeStats(
            services.GetRequiredService<IOptions<HeraldOptions>>().Value.NodeId,
            (long)counters.Uptime.TotalSeconds,
            counters.Connections,
            counters.ConnectionsTotal,
            services.GetRequiredService<HeraldHub>().ChannelCount,
            counters.Subscriptions,
            counters.EventsIn,
            counters.Deliveries,
            Math.Round(eventsIn, 1),
            Math.Round(deliveries, 1),
            counters.SlowConsumerCloses);
    }

    private static async Task<IResult> StatsAsync(HttpContext context)
    {
        var (_, failure) = await HttpAuth.AuthenticateAsync(context, "admin");
        if (failure is not null)
        {
            return failure;
        }

        var node = Local(context.RequestServices);
        var nodes = (await ClusterNodes.CollectAsync(context.RequestServices, node, context.RequestAborted)).Select(n => n.Stats).ToList();
        var cluster = new ClusterStats(
            nodes.Count,
            nodes.Sum(n => n.Connections),
            nodes.Sum(n => n.Channels),
            nodes.Sum(n => n.Subscriptions),
            nodes.Sum(n => n.EventsInPerSecond),
            nodes.Sum(n => n.DeliveriesPerSecond),
            nodes.Sum(n => n.SlowConsumerCloses));
        return TypedResults.Ok(new StatsResponse(node, nodes, cluster));
    }

    private static async Task<IResult> ChannelsAsync(HttpContext context)
    {
        var (_, failure) = await HttpAuth.AuthenticateAsync(context, "admin");
        if (failure is not null)
        {
            return failure;
        }

        var channels = context.RequestServices.GetRequiredService<HeraldHub>().Channels
            .Where(c => c.Value > 0)
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new ChannelInfo(c.Key, c.Value))
            .ToList();
        return TypedResults.Ok(new ChannelsResponse(channels));
    }
}
