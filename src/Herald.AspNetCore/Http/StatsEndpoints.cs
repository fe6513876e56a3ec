using Herald.AspNetCore.Authentication;
using Herald.Cluster;
using Herald.Hub;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.AspNetCore.Http;

/// <summary><c>GET /api/stats</c> and <c>GET /api/channels</c>, both for <c>admin</c>.</summary>
internal static class StatsEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/stats", StatsAsync)
            .RequireHerald(HeraldPolicies.Admin)
            .WithName("Stats")
            .WithSummary("Connections, channels, subscriptions and rates, per node and for the cluster.")
            .Produces<StatsResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/channels", Channels)
            .RequireHerald(HeraldPolicies.Admin)
            .WithName("Channels")
            .WithSummary("Active channels with their subscriber counts.")
            .Produces<ChannelsResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    /// <summary>For composition outside a request (the cluster feed, a store's heartbeat).</summary>
    internal static NodeStats Local(IServiceProvider services) => services.GetRequiredService<LocalNodeStats>().Read();

    private static async Task<IResult> StatsAsync([FromServices] LocalNodeStats local, [FromServices] IClusterView? view, CancellationToken aborted)
    {
        var node = local.Read();
        var nodes = (await ClusterNodes.CollectAsync(view, node, aborted)).Select(n => n.Stats).ToList();
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

    private static IResult Channels([FromServices] HeraldHub hub)
    {
        var channels = hub.Channels
            .Where(c => c.Value > 0)
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new ChannelInfo(c.Key, c.Value))
            .ToList();
        return TypedResults.Ok(new ChannelsResponse(channels));
    }
}
