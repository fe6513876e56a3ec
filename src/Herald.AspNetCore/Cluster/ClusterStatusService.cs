using Herald.AspNetCore.Http;
using Herald.Cluster;
using Herald.Diagnostics;
using Herald.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Herald.AspNetCore.Cluster;

/// <summary>
/// A source of events about Herald itself, on channel <c>cluster</c>: <c>status</c> every
/// five seconds (key <c>status</c>, so a snapshot always holds the latest) followed by <c>latency</c>
/// and <c>uptime</c> (keys of the same names), <c>peer_change</c>
/// when a node joins or leaves (key <c>peer:&lt;node&gt;</c>), <c>state_change</c> as this node
/// starts, becomes ready, drains and stops, and <c>custom_metrics</c>. Every node watches the
/// membership; only the live node with the lowest id speaks for the cluster, so nothing is
/// announced twice, and when it dies the next one takes over (and announces it left).
/// </summary>
internal sealed partial class ClusterStatusService(
    IHeraldPublisher publisher,
    IServiceProvider services,
    HeraldMetrics metrics,
    CustomMetricsStore custom,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<ClusterStatusService> logger) : BackgroundService
{
    public const string Channel = "cluster";
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    private volatile string _state = "starting";
    private HashSet<string>? _knownPeers;

    public string State => _state;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await ChangeStateAsync("starting");
        lifetime.ApplicationStarted.Register(() => _ = ChangeStateAsync("ready"));
        lifetime.ApplicationStopping.Register(() => _ = ChangeStateAsync("draining"));
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await ChangeStateAsync("stopped");
    }

    public Task PublishCustomMetricsAsync() =>
        TryPublishAsync(PublishRequest.Create(Channel, "custom_metrics", new { node = NodeId, metrics = custom.Snapshot() }) with { Key = "custom_metrics" });

    internal async Task PublishStatusAsync()
    {
        var local = StatsEndpoints.Local(services);
        var nodes = await ClusterNodes.CollectAsync(services.GetService<IClusterView>(), local, CancellationToken.None);
        var peers = nodes.Skip(1).Select(n => n.Stats.Node).ToHashSet(StringComparer.Ordinal);
        var speaker = nodes.Select(n => n.Stats.Node).Min(StringComparer.Ordinal) == local.Node;
        var previous = _knownPeers;
        _knownPeers = peers;
        if (!speaker)
        {
            return;
        }

        if (previous is not null)
        {
            foreach (var joined in peers.Except(previous).Order(StringComparer.Ordinal))
            {
                await PeerChangedAsync(joined, "joined");
            }

            foreach (var left in previous.Except(peers).Order(StringComparer.Ordinal))
            {
                await PeerChangedAsync(left, "left");
            }
        }

        var (p50, p99, p999, samples) = metrics.DeliveryWindow.Percentiles();
        var status = new
        {
            nodes = nodes.Select(n => new
            {
                node = n.Stats.Node,
                state = n.State ?? _state,
                connections = n.Stats.Connections,
                channels = n.Stats.Channels,
                subscriptions = n.Stats.Subscriptions,
                uptime_seconds = n.Stats.UptimeSeconds,
                events_in_per_sec = n.Stats.EventsInPerSecond,
                deliveries_per_sec = n.Stats.DeliveriesPerSecond,
            }),
            latency_ms = new { p50, p99, p999, samples },
            custom_metrics = custom.Snapshot(),
        };
        await TryPublishAsync(PublishRequest.Create(Channel, "status", status) with { Key = "status" });

        // The cluster status format (seed 004) has latency and uptime as messages of their own.
        await TryPublishAsync(PublishRequest.Create(Channel, "latency", status.latency_ms) with { Key = "latency" });
        var uptime = new { nodes = nodes.Select(n => new { node = n.Stats.Node, uptime_seconds = n.Stats.UptimeSeconds }) };
        await TryPublishAsync(PublishRequest.Create(Channel, "uptime", uptime) with { Key = "uptime" });
    }

    private Task PeerChangedAsync(string node, string change) =>
        TryPublishAsync(PublishRequest.Create(Channel, "peer_change", new { node, change }) with { Key = "peer:" + node, Tombstone = change == "left" });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            await PublishStatusAsync();
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await PublishStatusAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private string NodeId => StatsEndpoints.Local(services).Node;

    private Task ChangeStateAsync(string state)
    {
        _state = state;
        return TryPublishAsync(PublishRequest.Create(Channel, "state_change", new { node = NodeId, state }) with { Key = "state:" + NodeId });
    }

    private async Task TryPublishAsync(PublishRequest request)
    {
        try
        {
            await publisher.PublishAsync(request);
        }
        catch (Exception ex)
        {
            // Status is best effort: a store outage must not take the node down with it.
            Log.PublishFailed(logger, request.Event, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.ClusterPublishFailed, Level = LogLevel.Warning, EventName = "ClusterPublishFailed", Message = "Publishing cluster {Event} failed.")]
        public static partial void PublishFailed(ILogger logger, string @event, Exception exception);
    }
}
