using System.Globalization;
using Herald.LoadGen.Clients;
using Herald.LoadGen.Metrics;
using Herald.LoadGen.Orchestration;
using Herald.LoadGen.Publishing;
using Herald.LoadGen.Results;
using Herald.LoadGen.Targets;

namespace Herald.LoadGen.Scenarios;

/// <summary>
/// Three Herald nodes on one shared store (PostgreSQL, Redis), subscribers spread evenly over them on one channel,
/// publishes round-robin to the nodes at a fixed rate (default 1,000/s). Latency is split by where the event was
/// published: on another node (it went through the store's bus) or on the subscriber's own node.
/// </summary>
internal sealed class ClusterScenario : IScenario
{
    private const int NodeCount = 3;
    private const string Channel = "public:cluster";
    private const double DefaultRate = 1000;

    public string Name => "cluster";

    public string Description => "Three Herald nodes on one store, subscribers spread evenly across them on one channel, one event per publish sent round-robin to the nodes at a fixed rate (default 1,000/s); cross-node and same-node publish-to-deliver latency.";

    public IReadOnlyList<MetricDef> Metrics { get; } =
    [
        new("cross_p50_ms", "cross-node p50 (ms)", "ms", false, "N3"),
        new("cross_p99_ms", "cross-node p99 (ms)", "ms", false, "N3"),
        new("cross_p999_ms", "cross-node p99.9 (ms)", "ms", false, "N3"),
        new("same_p50_ms", "same-node p50 (ms)", "ms", false, "N3"),
        new("same_p99_ms", "same-node p99 (ms)", "ms", false, "N3"),
        new("rate", "fixed rate (publishes/s)", "1/s", true, "N1"),
        new("publishes_per_s", "acked publishes/s", "1/s", true, "N1"),
        new("deliveries_per_s", "deliveries/s", "1/s", true),
        new("server_cores", "server CPU, 3 nodes (cores)", "cores", false, "N2"),
        new("generator_cores", "generator CPU (cores)", "cores", false, "N2"),
        new("lost", "lost", "", false),
        new("duplicated", "duplicated", "", false),
        new("out_of_order", "out of order", "", false),
        new("disconnects", "disconnected", "", false),
        new("connected", "subscribers", "", true),
    ];

    public string Headline => "cross_p99_ms";

    /// <summary>Herald once per store the nodes can share; the peers have no cluster and are left out.</summary>
    public IReadOnlyList<ServerTarget> TargetsFor(RunOptions options)
    {
        var shared = options.Stores.Where(s => s is not ("memory" or "sqlite")).ToList();
        var stores = shared.Count > 0 ? shared : options.Stores.ToList();
        return options.Targets.Select(ServerTarget.Parse).Where(t => t.Kind == TargetKind.Herald)
            .SelectMany(t => t.Name.Contains('/', StringComparison.Ordinal) ? [t] : stores.Select(s => new ServerTarget($"herald/{s}", TargetKind.Herald, s)))
            .ToList();
    }

    public async Task RunAsync(ScenarioContext ctx, RoundResult result, CancellationToken ct)
    {
        if (ctx.Target.Store is "memory" or "sqlite" or null)
        {
            result.Status = "unavailable";
            result.Error = $"store '{ctx.Target.Store}' is not shared between nodes (postgres, redis)";
            return;
        }

        var others = new List<ServerProcess>();
        try
        {
            try
            {
                others.AddRange(await Task.WhenAll(Enumerable.Range(1, NodeCount - 1).Select(i => ctx.StartNodeAsync($"bench-{i}", ct))));
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                result.Status = "unavailable";
                result.Error = e.Message.Length <= 400 ? e.Message : e.Message[..400];
                return;
            }

            await new ClusterRun(ctx, [ctx.Server, .. others], Channel).RunAsync(result, ctx.Options.Rate ?? DefaultRate, ct);
        }
        finally
        {
            foreach (var node in others)
            {
                await node.DisposeAsync();
            }
        }
    }

    public IEnumerable<GoalCheck> Goals(RunSummary summary)
    {
        foreach (var target in summary.Targets.Where(t => t.RoundsOk > 0))
        {
            var p99 = target.Median["cross_p99_ms"];
            var clients = target.Median["connected"];
            var rate = target.Median["rate"];
            var measured = string.Create(CultureInfo.InvariantCulture, $"{p99:N2} ms ({clients:N0} subscribers, {rate:N0}/s, {target.Median["lost"]:N0} lost)");

            // Issue #18's number: cross-node p99 <= 20 ms at 1,000 subscribers and 1,000 events/s.
            yield return clients >= 1_000 && rate >= 1_000
                ? new GoalCheck($"{target.Target} cross-node p99 <= 20 ms at 1,000 subscribers and 1,000 events/s", measured, p99 <= 20)
                : new GoalCheck($"{target.Target} cross-node p99 (no number set below 1,000 subscribers and 1,000 events/s)", measured, null);
        }
    }
}
