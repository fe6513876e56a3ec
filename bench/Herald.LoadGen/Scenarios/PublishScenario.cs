using System.Globalization;
using Herald.LoadGen.Metrics;
using Herald.LoadGen.Orchestration;
using Herald.LoadGen.Publishing;
using Herald.LoadGen.Results;
using Herald.LoadGen.Targets;

namespace Herald.LoadGen.Scenarios;

/// <summary>
/// Acknowledged publishes per second and their latency, through each Herald store. The peers acknowledge
/// without storing anything; they are shown as the cost of the HTTP path alone, not as equals.
/// </summary>
internal sealed class PublishScenario : IScenario
{
    public string Name => "publish";

    public string Description => "Concurrent lanes, each publishing one message per request as fast as acknowledgements come back, to channels nobody subscribes to; acknowledged publishes/s and round-trip latency per store.";

    public IReadOnlyList<MetricDef> Metrics =>
    [
        new("publishes_per_s", "acked publishes/s", "1/s", true),
        new("p50_ms", "ack p50 (ms)", "ms", false, "N3"),
        new("p99_ms", "ack p99 (ms)", "ms", false, "N3"),
        new("p999_ms", "ack p99.9 (ms)", "ms", false, "N3"),
        new("server_cores", "server CPU (cores)", "cores", false, "N2"),
        new("server_us_per_publish", "server CPU per publish (µs)", "µs", false, "N1"),
        new("generator_cores", "generator CPU (cores)", "cores", false, "N2"),
        new("errors", "errors", "", false),
    ];

    public string Headline => "publishes_per_s";

    public IReadOnlyList<ServerTarget> TargetsFor(RunOptions options)
    {
        var targets = new List<ServerTarget>();
        foreach (var name in options.Targets)
        {
            var target = ServerTarget.Parse(name);
            if (target.Kind == TargetKind.Herald && !name.Contains('/', StringComparison.Ordinal))
            {
                targets.AddRange(options.Stores.Select(s => new ServerTarget(s == "memory" ? "herald" : $"herald/{s}", TargetKind.Herald, s)));
            }
            else
            {
                targets.Add(target);
            }
        }

        return targets;
    }

    public async Task RunAsync(ScenarioContext ctx, RoundResult result, CancellationToken ct)
    {
        var o = ctx.Options;
        if (ctx.Target.Kind == TargetKind.Herald && ctx.Target.Store != "memory" && await DurabilityCheck.ProblemAsync(ctx, ctx.Http, ct) is { } problem)
        {
            result.Status = "unavailable";
            result.Error = problem;
            return;
        }

        var lanes = Enumerable.Range(0, Math.Max(1, o.Lanes))
            .Select(i => new PublishLane(ctx.CreatePublisher(), new SingleChannelWorkload(string.Create(CultureInfo.InvariantCulture, $"public:p{i}")), Math.Max(1, o.Batch), retryFailures: false))
            .ToArray();

        // A first publish proves the store works at all; a store that is not there is reported as unavailable.
        await ScenarioContext.RunForAsync(0.2, stop => lanes[0].RunClosedLoopAsync(() => true, stop));
        if (lanes[0].Published == 0)
        {
            result.Status = "unavailable";
            result.Error = lanes[0].LastError ?? "no publish was acknowledged";
            return;
        }

        ctx.Log($"warm-up {o.WarmupSeconds}s with {lanes.Length} lanes");
        await ScenarioContext.RunForAsync(o.WarmupSeconds, stop => Task.WhenAll(lanes.Select(l => l.RunClosedLoopAsync(() => true, stop))));
        var published0 = lanes.Sum(l => l.Published);
        var errors0 = lanes.Sum(l => l.Errors);
        foreach (var lane in lanes)
        {
            lane.RecordAcks = true;
        }

        var cpu = new CpuWindow(() => ctx.Server.Pid);
        await ScenarioContext.RunForAsync(o.DurationSeconds, stop => Task.WhenAll(lanes.Select(l => l.RunClosedLoopAsync(() => true, stop))));
        var reading = cpu.Stop();
        var acks = new LatencyHistogram();
        foreach (var lane in lanes)
        {
            lane.RecordAcks = false;
            acks.Add(lane.AckMicros);
        }

        result.AddLatency("ack", acks);
        var ack = result.Latency["ack"];
        result.Metrics["publishes_per_s"] = (lanes.Sum(l => l.Published) - published0) / reading.Seconds;
        result.Metrics["p50_ms"] = ack.P50Ms;
        result.Metrics["p99_ms"] = ack.P99Ms;
        result.Metrics["p999_ms"] = ack.P999Ms;
        result.Metrics["server_cores"] = reading.ServerCores;

        // What one publish costs the server, whatever the rate: the figure to compare on a busy machine.
        result.Metrics["server_us_per_publish"] = result.Metrics["publishes_per_s"] > 0 ? reading.ServerCores * 1e6 / result.Metrics["publishes_per_s"] : 0;
        result.Metrics["generator_cores"] = reading.GeneratorCores;
        result.Metrics["errors"] = lanes.Sum(l => l.Errors) - errors0;
        result.Metrics["lanes"] = lanes.Length;
        result.Metrics["batch"] = Math.Max(1, o.Batch);
        result.ServerCores = reading.ServerCores;
        result.GeneratorCores = reading.GeneratorCores;
        if (lanes.FirstOrDefault(l => l.LastError is not null) is { } failing)
        {
            result.Notes.Add($"publish errors, last: {failing.LastError}");
        }

        if (ctx.Target.Kind != TargetKind.Herald)
        {
            result.Notes.Add("acknowledges without storing anything (no durability): the HTTP path alone");
        }

        ctx.Log($"{result.Metrics["publishes_per_s"]:N0} publishes/s, p99 {ack.P99Ms:N2} ms");
    }

    public IEnumerable<GoalCheck> Goals(RunSummary summary)
    {
        foreach (var target in summary.Targets.Where(t => t.Target.StartsWith("herald", StringComparison.Ordinal)))
        {
            yield return Check(target);
        }

        // Issue #19's numbers: 30k/s on the memory store; 20k/s on a durable store with 64 publishers.
        // Issue #18's: 50k/s through Redis with batches (--batch).
        static GoalCheck Check(TargetSummary target)
        {
            if (target.RoundsOk == 0)
            {
                return new GoalCheck($"publish through {target.Target}", $"unavailable: {target.Notes.FirstOrDefault()}", null);
            }

            var rate = target.Median["publishes_per_s"];
            var lanes = target.Median.TryGetValue("lanes", out var l) ? (int)l : 0;
            var batch = target.Median.TryGetValue("batch", out var b) ? (int)b : 1;
            var measured = string.Create(CultureInfo.InvariantCulture, $"{rate:N0}/s, p99 {target.Median["p99_ms"]:N2} ms, {lanes} publishers, {batch} per request");
            double? goal = target.Target == "herald" ? 30_000 : target.Target == "herald/redis" && batch > 1 ? 50_000 : lanes >= 64 ? 20_000 : null;
            return goal is { } g
                ? new GoalCheck(string.Create(CultureInfo.InvariantCulture, $"publish through {target.Target} >= {g:N0}/s"), measured, rate >= g)
                : new GoalCheck($"publish through {target.Target} (no number set below 64 publishers; reported)", measured, null);
        }
    }
}
