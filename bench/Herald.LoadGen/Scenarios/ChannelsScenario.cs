using System.Globalization;
using Herald.LoadGen.Orchestration;
using Herald.LoadGen.Publishing;
using Herald.LoadGen.Results;
using Herald.LoadGen.Targets;

namespace Herald.LoadGen.Scenarios;

/// <summary>Every client on its own channel plus one shared group channel; publishes go to both.</summary>
internal sealed class ChannelsScenario : IScenario
{
    private const string Group = "public:group";

    public string Name => "channels";

    public string Description => "Each client subscribes to its own channel and a shared group; messages alternate one group message, then one to each client's own channel (batched publishes).";

    public IReadOnlyList<MetricDef> Metrics => DeliveryMetrics.All;

    public string Headline => "deliveries_per_s";

    public IReadOnlyList<ServerTarget> TargetsFor(RunOptions options) => options.Targets.Select(ServerTarget.Parse).ToList();

    public async Task RunAsync(ScenarioContext ctx, RoundResult result, CancellationToken ct)
    {
        var n = ctx.Options.Clients;
        var own = Enumerable.Range(0, n).Select(i => string.Create(CultureInfo.InvariantCulture, $"public:c{i}")).ToArray();
        var pool = ctx.CreatePool(n, i => [own[i], Group]);
        try
        {
            var connect = await ctx.ConnectAsync(pool, ct);
            ctx.Log($"{connect.Connected}/{connect.Attempted} subscribers in {connect.Seconds:N1}s");
            result.Metrics["connect_s"] = connect.Seconds;
            if (connect.Connected == 0)
            {
                throw new InvalidOperationException($"no subscriber connected: {connect.FirstError}");
            }

            var workload = new ChannelsWorkload(Group, own, () => pool.Open);
            // One-to-one messages cause one delivery each, so they are batched to keep HTTP off the critical path.
            var batch = ctx.Options.Batch > 0 ? ctx.Options.Batch : Math.Clamp(n / 10, 1, 100);
            result.Metrics["batch"] = batch;
            await DeliveryRunner.RunAsync(ctx, result, pool, workload, batch);
        }
        finally
        {
            await pool.StopAllAsync();
        }
    }

    public IEnumerable<GoalCheck> Goals(RunSummary summary)
    {
        foreach (var peer in new[] { "signalr", "ws" })
        {
            var h = summary.Median("herald", "deliveries_per_s");
            var p = summary.Median(peer, "deliveries_per_s");
            if (h is { } herald && p is { } other && other > 0)
            {
                yield return new GoalCheck($"channels deliveries/s vs {peer} (no number set; reported)", string.Create(CultureInfo.InvariantCulture, $"{herald / other:N2}x"), null);
            }
        }
    }
}
