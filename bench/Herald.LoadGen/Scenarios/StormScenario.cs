using System.Diagnostics;
using System.Globalization;
using Herald.LoadGen.Clients;
using Herald.LoadGen.Metrics;
using Herald.LoadGen.Orchestration;
using Herald.LoadGen.Publishing;
using Herald.LoadGen.Results;
using Herald.LoadGen.Targets;

namespace Herald.LoadGen.Scenarios;

/// <summary>
/// A reconnect storm: N subscribers drop at once (or the server restarts, with --restart) while publishing goes
/// on, then all reconnect at the same moment and resume where they were. Lost and duplicated events are counted
/// exactly from the offsets; servers without resume (the peers) show what a plain reconnect loses.
/// </summary>
internal sealed class StormScenario : IScenario
{
    private const string Channel = "public:storm";

    public string Name => "storm";

    public string Description => "N subscribers with offsets drop at once (--restart: the server restarts) while publishing continues; all reconnect at once and resume with since. Time to all resumed; events lost or duplicated.";

    public IReadOnlyList<MetricDef> Metrics =>
    [
        new("resume_all_s", "time to all resumed (s)", "s", false, "N2"),
        new("resume_p50_ms", "resume p50 (ms)", "ms", false, "N0"),
        new("resume_p99_ms", "resume p99 (ms)", "ms", false, "N0"),
        new("resumed", "reconnected", "", true),
        new("recovered", "recovered (since honoured)", "", true),
        new("unrecovered", "not recovered", "", false),
        new("lost", "lost", "", false),
        new("duplicated", "duplicated", "", false),
        new("out_of_order", "out of order", "", false),
        new("disconnects", "not reconnected", "", false),
        new("stop_s", "old server gone (s)", "s", false, "N2"),
        new("restart_s", "server restart (s)", "s", false, "N2"),
        new("resume_after_stop_s", "all resumed after the old server was gone (s)", "s", false, "N2"),
        new("server_cores", "server CPU in storm (cores)", "cores", false, "N2"),
        new("generator_cores", "generator CPU in storm (cores)", "cores", false, "N2"),
    ];

    public string Headline => "resume_all_s";

    public IReadOnlyList<ServerTarget> TargetsFor(RunOptions options) => options.Targets.Select(ServerTarget.Parse).ToList();

    public async Task RunAsync(ScenarioContext ctx, RoundResult result, CancellationToken ct)
    {
        var o = ctx.Options;
        var pool = ctx.CreatePool(o.Clients, _ => [Channel]);
        using var stopPublishing = new CancellationTokenSource();
        Task publishing = Task.CompletedTask;
        try
        {
            var connect = await ctx.ConnectAsync(pool, ct);
            ctx.Log($"{connect.Connected}/{connect.Attempted} subscribers in {connect.Seconds:N1}s");
            if (connect.Connected == 0)
            {
                throw new InvalidOperationException($"no subscriber connected: {connect.FirstError}");
            }

            // Publishing never stops during the storm; failed publishes (server down) are retried, not skipped.
            var lane = new PublishLane(ctx.CreatePublisher(), new FanoutWorkload(Channel, () => pool.Open), 1, retryFailures: true);
            publishing = lane.RunFixedRateAsync(o.StormRate, stopPublishing.Token);
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, o.WarmupSeconds)), ct);

            ctx.Stats.SwapLatency();
            ctx.Stats.Recording = true;
            var cpu = new CpuWindow(() => ctx.Server.Pid);
            var t0 = Stopwatch.GetTimestamp();
            Task restart = Task.CompletedTask;
            double restartSeconds = 0;
            double stopSeconds = 0;
            if (o.Restart)
            {
                // The old process must be gone before anyone reconnects: a server that keeps accepting while it
                // drains would otherwise take the reconnections, then drop them when it exits.
                var stopping = ctx.Server.StopAsync(TimeSpan.FromSeconds(10));
                await pool.WaitAllClosedAsync(TimeSpan.FromSeconds(15));
                await stopping;
                stopSeconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
                restart = Task.Run(async () =>
                {
                    await ctx.Server.StartAgainAsync(ct);
                    restartSeconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
                }, ct);
            }
            else
            {
                pool.AbortAll();
            }

            await pool.WaitAllClosedAsync(TimeSpan.FromSeconds(15));
            var storm = await pool.ConnectAllAsync(resume: true, concurrency: 0, TimeSpan.FromSeconds(60), ct, startedAt: t0);
            await restart;
            var stormCpu = cpu.Stop();
            ctx.Log($"{storm.Connected}/{storm.Attempted} reconnected, all within {storm.Seconds:N2}s");

            await Task.Delay(TimeSpan.FromSeconds(2), ct);
            await stopPublishing.CancelAsync();
            await publishing;
            // Drained when every open subscriber has reached the last acknowledged offset.
            var final = lane.FinalOffset(Channel) ?? 0;
            await ScenarioContext.WaitUntilAsync(() => pool.Clients.Where(c => c.IsOpen).All(c => c.Cursors[0].Last >= final), TimeSpan.FromSeconds(10));
            ctx.Stats.Recording = false;
            result.AddLatency("storm_delivery", ctx.Stats.SwapLatency());

            var loss = pool.Check(lane.FinalOffset);
            result.AddLatency("resume", storm.PerClientMicros);
            if (storm.Failed == 0)
            {
                result.Metrics["resume_all_s"] = storm.Seconds;
            }

            result.Metrics["resume_p50_ms"] = storm.PerClientMicros.ValueAtQuantile(0.5) / 1000.0;
            result.Metrics["resume_p99_ms"] = storm.PerClientMicros.ValueAtQuantile(0.99) / 1000.0;
            result.Metrics["resumed"] = storm.Connected;
            result.Metrics["recovered"] = loss.Recovered;
            result.Metrics["unrecovered"] = loss.Unrecovered;
            result.Metrics["lost"] = loss.Lost;
            result.Metrics["duplicated"] = loss.Duplicates;
            result.Metrics["out_of_order"] = loss.OutOfOrder;
            result.Metrics["disconnects"] = loss.Disconnected;
            result.Metrics["published"] = lane.Published;
            result.Metrics["publish_errors"] = lane.Errors;
            if (o.Restart)
            {
                result.Metrics["stop_s"] = stopSeconds;
                result.Metrics["restart_s"] = restartSeconds;
                // From the moment reconnecting could succeed: the old process has exited (it drained first) and the
                // clients are already retrying. This includes the new process's start (about 0.6 s) and the storm.
                if (storm.Failed == 0)
                {
                    result.Metrics["resume_after_stop_s"] = storm.Seconds - stopSeconds;
                }

                ctx.Log($"old process gone after {stopSeconds:N2}s, all resumed {storm.Seconds - stopSeconds:N2}s later (the readiness probe, queued behind the storm, saw the new one after {restartSeconds:N2}s)");
            }

            result.Metrics["server_cores"] = stormCpu.ServerCores;
            result.Metrics["generator_cores"] = stormCpu.GeneratorCores;
            result.ServerCores = stormCpu.ServerCores;
            result.GeneratorCores = stormCpu.GeneratorCores;
            if (storm.Failed > 0)
            {
                result.Notes.Add($"{storm.Failed} clients did not reconnect within 60 s: {storm.FirstError}");
            }

            if (loss.Unrecovered > 0)
            {
                result.Notes.Add(ctx.Target.Kind == TargetKind.Herald
                    ? $"{loss.Unrecovered} subscriptions answered recovered:false (history not kept across this event by store '{ctx.Target.Store}')"
                    : $"{loss.Unrecovered} subscriptions re-subscribed without resume (this server has none)");
            }

            ctx.Log($"lost {loss.Lost}, duplicated {loss.Duplicates}, recovered {loss.Recovered}, unrecovered {loss.Unrecovered}");
        }
        finally
        {
            if (!stopPublishing.IsCancellationRequested)
            {
                await stopPublishing.CancelAsync();
            }

            await publishing;
            await pool.StopAllAsync();
        }
    }

    public IEnumerable<GoalCheck> Goals(RunSummary summary)
    {
        var seconds = summary.Median("herald", "resume_all_s");
        var resumed = summary.Median("herald", "resumed");
        var lost = summary.Median("herald", "lost");
        var dup = summary.Median("herald", "duplicated");
        var unrecovered = summary.Median("herald", "unrecovered");
        if (seconds is { } s && resumed is { } n)
        {
            yield return new GoalCheck(
                "storm of 10k clients resumed within 5 s",
                string.Create(CultureInfo.InvariantCulture, $"{n:N0} clients in {s:N2} s"),
                n >= 10_000 ? s <= 5 : null);
            yield return new GoalCheck(
                "zero lost or duplicated across the storm",
                string.Create(CultureInfo.InvariantCulture, $"lost {lost:N0}, duplicated {dup:N0}, not recovered {unrecovered:N0}"),
                lost == 0 && dup == 0 && unrecovered == 0);
        }
    }
}
