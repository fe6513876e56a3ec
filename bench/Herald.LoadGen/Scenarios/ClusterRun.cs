using System.Globalization;
using Herald.LoadGen.Clients;
using Herald.LoadGen.Metrics;
using Herald.LoadGen.Orchestration;
using Herald.LoadGen.Publishing;
using Herald.LoadGen.Results;
using Herald.LoadGen.Targets;

namespace Herald.LoadGen.Scenarios;

/// <summary>One round of the cluster scenario against nodes that are already running.</summary>
internal sealed class ClusterRun(ScenarioContext ctx, IReadOnlyList<ServerProcess> nodes, string channel)
{
    private const double AckAllowanceSeconds = 0.1;
    private readonly List<ClientPool> _pools = [];
    private readonly List<DeliveryStats> _stats = [];
    private PublishLane[] _lanes = [];

    private long Deliveries => _stats.Sum(s => s.Deliveries);

    private long Expected => _lanes.Sum(l => l.ExpectedDeliveries);

    public async Task RunAsync(RoundResult result, double rate, CancellationToken ct)
    {
        var o = ctx.Options;
        try
        {
            await ConnectAsync(result, ct);

            // Lane j publishes to node j % n, its schedule shifted by j/rate: together the lanes send round-robin at
            // the rate, and each has lanes/rate seconds for its acknowledgement before it falls behind. At least
            // 100 ms each: a durable store's ack waits for a disk flush, and a lane that falls behind would measure
            // the publisher's queue, not the cluster.
            var lanes = Math.Max(o.Lanes, (int)Math.Ceiling(rate * AckAllowanceSeconds));
            var lanesPerNode = Math.Max(1, (lanes + nodes.Count - 1) / nodes.Count);
            _lanes = Enumerable.Range(0, lanesPerNode * nodes.Count).Select(j => CreateLane(j % nodes.Count)).ToArray();
            ctx.Log($"warm-up {o.WarmupSeconds}s at {rate:N0}/s over {_lanes.Length} lanes");
            await PublishForAsync(o.WarmupSeconds, rate);
            await ScenarioContext.WaitUntilAsync(() => Deliveries >= Expected, TimeSpan.FromSeconds(10));

            var (d0, p0) = (Deliveries, _lanes.Sum(l => l.Published));
            SetRecording(true);
            var cpu = nodes.Select(n => new CpuWindow(() => n.Pid)).ToList();
            await PublishForAsync(o.DurationSeconds, rate);
            var readings = cpu.Select(c => c.Stop()).ToList();
            var published = _lanes.Sum(l => l.Published) - p0;
            await ScenarioContext.WaitUntilAsync(() => Deliveries >= Expected, TimeSpan.FromSeconds(10));
            SetRecording(false);
            Record(result, rate, readings, published, Deliveries - d0);
        }
        finally
        {
            foreach (var pool in _pools)
            {
                await pool.StopAllAsync();
            }
        }
    }

    private async Task ConnectAsync(RoundResult result, CancellationToken ct)
    {
        var clients = ctx.Options.Clients;
        for (var i = 0; i < nodes.Count; i++)
        {
            // Node 0's counters are the context's, so the run's timeline shows its deliveries.
            var stats = i == 0 ? ctx.Stats : new DeliveryStats();
            stats.HomeNode = i;
            stats.Nodes = nodes.Count;
            _stats.Add(stats);
            _pools.Add(ctx.CreatePool((clients / nodes.Count) + (i < clients % nodes.Count ? 1 : 0), _ => [channel], nodes[i], stats));
        }

        var reports = new List<ConnectReport>();
        foreach (var pool in _pools)
        {
            reports.Add(await ctx.ConnectAsync(pool, ct));
        }

        var connected = reports.Sum(r => r.Connected);
        ctx.Log($"{connected}/{reports.Sum(r => r.Attempted)} subscribers on {nodes.Count} nodes ({string.Join(", ", reports.Select(r => r.Connected))}) in {reports.Sum(r => r.Seconds):N1}s");
        result.Metrics["connect_s"] = reports.Sum(r => r.Seconds);
        if (connected == 0)
        {
            throw new InvalidOperationException($"no subscriber connected: {reports.Select(r => r.FirstError).FirstOrDefault(e => e is not null)}");
        }
    }

    private PublishLane CreateLane(int node) =>
        new(ctx.CreatePublisher(nodes[node]), new FanoutWorkload(channel, () => _pools.Sum(p => p.Open)), 1, retryFailures: false)
        {
            // The node published to, in the timestamp's last ticks (nanoseconds here): subscribers tell cross-node from same-node.
            Stamp = t => t - (t % nodes.Count) + node,
        };

    private Task PublishForAsync(double seconds, double rate) =>
        ScenarioContext.RunForAsync(seconds, stop => Task.WhenAll(_lanes.Select((l, j) => l.RunFixedRateAsync(rate / _lanes.Length, stop, j / rate))));

    private void SetRecording(bool on)
    {
        foreach (var stats in _stats)
        {
            if (on)
            {
                stats.SwapLatency();
            }

            stats.Recording = on;
        }
    }

    private void Record(RoundResult result, double rate, List<CpuReading> readings, long published, long delivered)
    {
        var cross = new LatencyHistogram();
        var same = new LatencyHistogram();
        foreach (var stats in _stats)
        {
            cross.Add(stats.Latency);
            same.Add(stats.SameNodeLatency);
        }

        result.AddLatency("cross-node", cross);
        result.AddLatency("same-node", same);
        var (c, s) = (result.Latency["cross-node"], result.Latency["same-node"]);
        var seconds = readings[0].Seconds;
        result.Metrics["cross_p50_ms"] = c.P50Ms;
        result.Metrics["cross_p99_ms"] = c.P99Ms;
        result.Metrics["cross_p999_ms"] = c.P999Ms;
        result.Metrics["same_p50_ms"] = s.P50Ms;
        result.Metrics["same_p99_ms"] = s.P99Ms;
        result.Metrics["rate"] = rate;
        result.Metrics["publishes_per_s"] = published / seconds;
        result.Metrics["deliveries_per_s"] = delivered / seconds;
        result.ServerCores = result.Metrics["server_cores"] = readings.Sum(r => r.ServerCores);
        result.GeneratorCores = result.Metrics["generator_cores"] = readings[0].GeneratorCores;

        if (result.Metrics["publishes_per_s"] < 0.9 * rate)
        {
            result.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"behind the rate: {result.Metrics["publishes_per_s"]:N0} of {rate:N0} publishes/s acknowledged, so latency includes the publishers' backlog"));
        }

        var reports = _pools.Select(p => p.Check(name => _lanes.Max(l => l.FinalOffset(name)))).ToList();
        result.Metrics["lost"] = reports.Sum(r => r.Lost);
        result.Metrics["duplicated"] = reports.Sum(r => r.Duplicates);
        result.Metrics["out_of_order"] = reports.Sum(r => r.OutOfOrder);
        result.Metrics["disconnects"] = reports.Sum(r => r.Disconnected);
        result.Metrics["connected"] = reports.Sum(r => r.ClientsChecked);
        result.Metrics["publish_errors"] = _lanes.Sum(l => l.Errors);
        if (_lanes.FirstOrDefault(l => l.LastError is not null) is { } failing)
        {
            result.Notes.Add($"{_lanes.Sum(l => l.Errors)} publish errors, last: {failing.LastError}");
        }

        ctx.Log(string.Create(CultureInfo.InvariantCulture, $"{rate:N0}/s to {reports.Sum(r => r.ClientsChecked)}: cross-node p50 {c.P50Ms:N2} ms, p99 {c.P99Ms:N2} ms, p99.9 {c.P999Ms:N2} ms; same-node p50 {s.P50Ms:N2} ms, p99 {s.P99Ms:N2} ms; {result.Metrics["lost"]:N0} lost"));
    }
}
