using System.Text.Json.Serialization;

namespace Herald.AspNetCore.Http;

/// <summary>One node's counters, as <c>GET /api/stats</c> reports them.</summary>
public sealed record NodeStats(
    [property: JsonPropertyName("node")] string Node,
    [property: JsonPropertyName("uptime_seconds")] long UptimeSeconds,
    [property: JsonPropertyName("connections")] long Connections,
    [property: JsonPropertyName("connections_total")] long ConnectionsTotal,
    [property: JsonPropertyName("channels")] long Channels,
    [property: JsonPropertyName("subscriptions")] long Subscriptions,
    [property: JsonPropertyName("events_in_total")] long EventsInTotal,
    [property: JsonPropertyName("deliveries_total")] long DeliveriesTotal,
    [property: JsonPropertyName("events_in_per_sec")] double EventsInPerSecond,
    [property: JsonPropertyName("deliveries_per_sec")] double DeliveriesPerSecond,
    [property: JsonPropertyName("slow_consumer_closes")] long SlowConsumerCloses);

/// <summary>The cluster's totals; one node until the multi-node bus reports its peers.</summary>
public sealed record ClusterStats(
    [property: JsonPropertyName("nodes")] int Nodes,
    [property: JsonPropertyName("connections")] long Connections,
    [property: JsonPropertyName("channels")] long Channels,
    [property: JsonPropertyName("subscriptions")] long Subscriptions,
    [property: JsonPropertyName("events_in_per_sec")] double EventsInPerSecond,
    [property: JsonPropertyName("deliveries_per_sec")] double DeliveriesPerSecond,
    [property: JsonPropertyName("slow_consumer_closes")] long SlowConsumerCloses);

public sealed record StatsResponse(
    [property: JsonPropertyName("node")] NodeStats Node,
    [property: JsonPropertyName("nodes")] IReadOnlyList<NodeStats> Nodes,
    [property: JsonPropertyName("cluster")] ClusterStats Cluster);

public sealed record ChannelInfo(
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("subscribers")] int Subscribers);

public sealed record ChannelsResponse([property: JsonPropertyName("channels")] IReadOnlyList<ChannelInfo> Channels);
