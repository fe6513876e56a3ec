using Herald.Configuration;
using Herald.Diagnostics;
using Herald.Hub;
using Microsoft.Extensions.Options;

namespace Herald.AspNetCore.Http;

/// <summary>This node's numbers as <c>GET /api/stats</c> reports them, read fresh on each call.</summary>
internal sealed class LocalNodeStats(HeraldCounters counters, RateSampler sampler, IOptions<HeraldOptions> options, HeraldHub hub)
{
    private readonly string _nodeId = options.Value.NodeId;

    public NodeStats Read()
    {
        var (eventsIn, deliveries) = sampler.Rates;
        return new NodeStats(
            _nodeId,
            (long)counters.Uptime.TotalSeconds,
            counters.Connections,
            counters.ConnectionsTotal,
            hub.ChannelCount,
            counters.Subscriptions,
            counters.EventsIn,
            counters.Deliveries,
            Math.Round(eventsIn, 1),
            Math.Round(deliveries, 1),
            counters.SlowConsumerCloses);
    }
}
