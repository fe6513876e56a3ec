using System.Globalization;
using Herald.LoadGen.Orchestration;
using Herald.LoadGen.Publishing;
using Herald.LoadGen.Results;
using Herald.LoadGen.Targets;

namespace Herald.LoadGen.Scenarios;

/// <summary>N subscribers on one channel; every message goes to all of them.</summary>
internal sealed class FanoutScenario : IScenario
{
    private const string Channel = "public:fanout";

    public string Name => "fanout";

    public string Description => "N subscribers on one channel; deliveries/s at the most the server delivers (closed loop), then publish-to-deliver latency at a fixed rate.";

    public IReadOnlyList<MetricDef> Metrics => DeliveryMetrics.All;

    public string Headline => "deliveries_per_s";

    public IReadOnlyList<ServerTarget> TargetsFor(RunOptions options) => options.Targets.Select(ServerTarget.Parse).ToList();

    public async Task RunAsync(ScenarioContext ctx, RoundResult result, CancellationToken ct)
    {
        var pool = ctx.CreatePool(ctx.Options.Clients, _ => [Channel]);
        try
        {
            var connect = await ctx.ConnectAsync(pool, ct);
            ctx.Log($"{connect.Connected}/{connect.Attempted} subscribers in {connect.Seconds:N1}s");
            result.Metrics["connect_s"] = connect.Seconds;
            if (connect.Connected == 0)
            {
                throw new InvalidOperationException($"no subscriber connected: {connect.FirstError}");
            }

            var workload = new FanoutWorkload(Channel, () => pool.Open);
            await DeliveryRunner.RunAsync(ctx, result, pool, workload, Math.Max(1, ctx.Options.Batch));
        }
        finally
        {
            await pool.StopAllAsync();
        }
    }

    public IEnumerable<GoalCheck> Goals(RunSummary summary)
    {
        var herald = summary.Median("herald", "deliveries_per_s");
        foreach (var (peer, factor) in new[] { ("signalr", 3.0), ("ws", 2.0) })
        {
            var other = summary.Median(peer, "deliveries_per_s");
            yield return herald is { } h && other is { } p && p > 0
                ? new GoalCheck($"fan-out deliveries/s >= {factor}x {peer}", string.Create(CultureInfo.InvariantCulture, $"{h / p:N2}x ({h:N0} vs {p:N0})"), h / p >= factor)
                : new GoalCheck($"fan-out deliveries/s >= {factor}x {peer}", "not measured", null);
        }

        var perCore = summary.Median("herald", "deliveries_per_server_core");
        var perFrame = summary.Median("herald", "messages_per_frame");
        if (perCore is { } c && perFrame is { } f)
        {
            var coalesced = f >= 1.5;
            var goal = coalesced ? 1_000_000 : 200_000;
            yield return new GoalCheck(
                coalesced ? ">= 1M deliveries/s per server core (coalesced)" : ">= 200k deliveries/s per server core (one message per write)",
                string.Create(CultureInfo.InvariantCulture, $"{c:N0}/core at {f:N2} msgs/frame"),
                c >= goal);
        }

        var p99 = summary.Median("herald", "p99_ms");
        var clients = summary.Median("herald", "connected");
        if (p99 is { } latency)
        {
            yield return new GoalCheck(
                "p99 publish-to-deliver <= 5 ms at half max rate with 10k subscribers",
                string.Create(CultureInfo.InvariantCulture, $"{latency:N2} ms with {clients:N0} subscribers"),
                clients >= 10_000 ? latency <= 5 : null);
        }
    }
}
