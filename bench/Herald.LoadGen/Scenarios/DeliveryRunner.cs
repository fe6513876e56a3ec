using Herald.LoadGen.Clients;
using Herald.LoadGen.Metrics;
using Herald.LoadGen.Orchestration;
using Herald.LoadGen.Publishing;
using Herald.LoadGen.Results;

namespace Herald.LoadGen.Scenarios;

/// <summary>
/// The measured part of fanout and channels: a closed-loop phase at the most the server delivers, then a
/// fixed-rate phase (half that, unless --rate) for latency, then a drain and an exact loss check.
/// </summary>
internal static class DeliveryRunner
{
    public static async Task RunAsync(ScenarioContext ctx, RoundResult result, ClientPool pool, IWorkload workload, int batch)
    {
        var o = ctx.Options;
        var stats = ctx.Stats;
        var lane = new PublishLane(ctx.CreatePublisher(), workload, batch, retryFailures: false);
        var window = (long)o.Window * Math.Max(1, pool.Clients.Count);
        bool MayPublish() => lane.ExpectedDeliveries - stats.Deliveries < window;

        ctx.Log($"warm-up {o.WarmupSeconds}s");
        await ScenarioContext.RunForAsync(o.WarmupSeconds, stop => lane.RunClosedLoopAsync(MayPublish, stop));

        // Phase 1: as fast as the server delivers.
        var (d0, f0, p0) = (stats.Deliveries, stats.Frames, lane.Published);
        stats.SwapLatency();
        stats.Recording = true;
        var cpu = new CpuWindow(() => ctx.Server.Pid);
        await ScenarioContext.RunForAsync(o.DurationSeconds, stop => lane.RunClosedLoopAsync(MayPublish, stop));
        var maxCpu = cpu.Stop();
        stats.Recording = false;
        var maxLatency = stats.SwapLatency();
        var delivered = stats.Deliveries - d0;
        var frames = Math.Max(1, stats.Frames - f0);
        var published = lane.Published - p0;
        var maxPublishRate = published / maxCpu.Seconds;
        result.Metrics["deliveries_per_s"] = delivered / maxCpu.Seconds;
        result.Metrics["publishes_per_s"] = maxPublishRate;
        result.Metrics["deliveries_per_server_core"] = maxCpu.ServerCores > 0.01 ? delivered / maxCpu.Seconds / maxCpu.ServerCores : 0;
        result.Metrics["messages_per_frame"] = (double)delivered / frames;
        result.Metrics["server_cores"] = maxCpu.ServerCores;
        result.Metrics["generator_cores"] = maxCpu.GeneratorCores;
        result.ServerCores = maxCpu.ServerCores;
        result.GeneratorCores = maxCpu.GeneratorCores;
        result.AddLatency("max", maxLatency);
        result.Metrics["max_p99_ms"] = result.Latency["max"].P99Ms;
        ctx.Log($"max: {delivered / maxCpu.Seconds:N0} deliveries/s, {maxPublishRate:N0} publishes/s, server {maxCpu.ServerCores:N2} cores, generator {maxCpu.GeneratorCores:N2} cores");

        // Phase 2: a fixed rate, for latency that is not queueing behind a saturated server.
        var rate = o.Rate ?? Math.Max(1, maxPublishRate / 2);
        await Task.Delay(500);
        (d0, p0) = (stats.Deliveries, lane.Published);
        stats.SwapLatency();
        stats.Recording = true;
        cpu = new CpuWindow(() => ctx.Server.Pid);
        await ScenarioContext.RunForAsync(o.DurationSeconds, stop => lane.RunFixedRateAsync(rate, stop));
        var rateCpu = cpu.Stop();
        // Deliveries of the last messages are still in flight; keep recording them.
        await ScenarioContext.WaitUntilAsync(() => stats.Deliveries >= lane.ExpectedDeliveries, TimeSpan.FromSeconds(10));
        stats.Recording = false;
        result.AddLatency("rate", stats.SwapLatency());
        var rateLatency = result.Latency["rate"];
        result.Metrics["rate"] = rate;
        result.Metrics["rate_deliveries_per_s"] = (stats.Deliveries - d0) / rateCpu.Seconds;
        result.Metrics["rate_server_cores"] = rateCpu.ServerCores;
        result.Metrics["p50_ms"] = rateLatency.P50Ms;
        result.Metrics["p99_ms"] = rateLatency.P99Ms;
        result.Metrics["p999_ms"] = rateLatency.P999Ms;
        ctx.Log($"rate {rate:N0}/s: p50 {rateLatency.P50Ms:N3} ms, p99 {rateLatency.P99Ms:N3} ms, p99.9 {rateLatency.P999Ms:N3} ms");

        var loss = pool.Check(lane.FinalOffset);
        result.Metrics["lost"] = loss.Lost;
        result.Metrics["duplicated"] = loss.Duplicates;
        result.Metrics["out_of_order"] = loss.OutOfOrder;
        result.Metrics["disconnects"] = loss.Disconnected;
        result.Metrics["connected"] = loss.ClientsChecked;
        result.Metrics["publish_errors"] = lane.Errors;
        if (lane.Errors > 0)
        {
            result.Notes.Add($"{lane.Errors} publish errors, last: {lane.LastError}");
        }

        if (loss.Disconnected > 0)
        {
            var reasons = pool.Clients.Where(c => !c.IsOpen).GroupBy(c => c.LastCloseReason ?? "?").Select(g => $"{g.Key} x{g.Count()}");
            result.Notes.Add($"{loss.Disconnected} subscribers disconnected: {string.Join(", ", reasons)}");
        }
    }
}
