using System.Globalization;
using Herald.LoadGen.Metrics;
using Herald.LoadGen.Orchestration;
using Herald.LoadGen.Results;
using Herald.LoadGen.Targets;

namespace Herald.LoadGen.Scenarios;

/// <summary>N connections that subscribe once and then sit idle: memory per connection and connections held.</summary>
internal sealed class IdleScenario : IScenario
{
    private const string Channel = "public:idle";

    public string Name => "idle";

    public string Description => "N connections, each subscribed to one channel, then idle; server memory per connection (RSS delta and managed heap after a full GC) and connections still held after the hold time.";

    public IReadOnlyList<MetricDef> Metrics =>
    [
        new("held", "connections held", "", true),
        new("attempted", "attempted", "", true),
        new("connects_per_s", "connects/s", "1/s", true),
        new("rss_per_connection", "RSS per connection (B)", "B", false),
        new("heap_per_connection", "heap per connection (B)", "B", false),
        new("server_rss_mb", "server RSS (MiB)", "MiB", false, "N1"),
        new("baseline_rss_mb", "baseline RSS (MiB)", "MiB", false, "N1"),
        new("server_cores", "server CPU while idle (cores)", "cores", false, "N3"),
        new("generator_cores", "generator CPU while idle (cores)", "cores", false, "N3"),
        new("fd_limit", "fd limit", "", true),
    ];

    public string Headline => "rss_per_connection";

    public IReadOnlyList<ServerTarget> TargetsFor(RunOptions options) => options.Targets.Select(ServerTarget.Parse).ToList();

    public async Task RunAsync(ScenarioContext ctx, RoundResult result, CancellationToken ct)
    {
        var o = ctx.Options;
        // Warm the server's connection path (JIT, pools) so the baseline is not charged to the first connections.
        var warm = ctx.CreatePool(Math.Min(50, o.Clients), _ => [Channel]);
        await ctx.ConnectAsync(warm, ct);
        await warm.StopAllAsync();
        await Task.Delay(1000, ct);
        var before = await ctx.Server.MeasureMemoryAsync();

        var pool = ctx.CreatePool(o.Clients, _ => [Channel]);
        try
        {
            var connect = await ctx.ConnectAsync(pool, ct);
            ctx.Log($"{connect.Connected}/{connect.Attempted} connected in {connect.Seconds:N1}s{(connect.FirstError is null ? "" : $" (first error: {connect.FirstError})")}");
            await Task.Delay(2000, ct);
            var after = await ctx.Server.MeasureMemoryAsync();
            var open = Math.Max(1, pool.Open);

            // Hold: connections must survive at least the hold time, pings included, with nothing else happening.
            var cpu = new CpuWindow(() => ctx.Server.Pid);
            await Task.Delay(TimeSpan.FromSeconds(o.DurationSeconds), ct);
            var idleCpu = cpu.Stop();

            result.Metrics["attempted"] = connect.Attempted;
            result.Metrics["held"] = pool.Open;
            result.Metrics["connects_per_s"] = connect.Connected / Math.Max(0.001, connect.Seconds);
            result.Metrics["rss_per_connection"] = (after.RssBytes - before.RssBytes) / (double)open;
            if (after.HeapBytes is { } h1 && before.HeapBytes is { } h0)
            {
                result.Metrics["heap_per_connection"] = (h1 - h0) / (double)open;
            }

            result.Metrics["server_rss_mb"] = after.RssBytes / 1048576.0;
            result.Metrics["baseline_rss_mb"] = before.RssBytes / 1048576.0;
            result.Metrics["server_cores"] = idleCpu.ServerCores;
            result.Metrics["generator_cores"] = idleCpu.GeneratorCores;
            result.ServerCores = idleCpu.ServerCores;
            result.GeneratorCores = idleCpu.GeneratorCores;
            result.AddLatency("connect", connect.PerClientMicros);
            var limit = FdLimit(ctx.Server.Pid);
            if (limit is { } l)
            {
                result.Metrics["fd_limit"] = l;
                if (o.Clients + 100 > l)
                {
                    result.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"the server's open-file limit is {l}; more connections than that cannot be held here"));
                }
            }

            if (connect.Failed > 0)
            {
                result.Notes.Add($"{connect.Failed} connections failed: {connect.FirstError}");
            }

            ctx.Log($"held {pool.Open}, RSS +{(after.RssBytes - before.RssBytes) / 1048576.0:N1} MiB, {result.Metrics["rss_per_connection"]:N0} B/connection");
        }
        finally
        {
            await pool.StopAllAsync();
        }
    }

    public IEnumerable<GoalCheck> Goals(RunSummary summary)
    {
        var rss = summary.Median("herald", "rss_per_connection");
        var heap = summary.Median("herald", "heap_per_connection");
        if (rss is { } r)
        {
            yield return new GoalCheck("<= 5 KB server memory per idle connection", string.Create(CultureInfo.InvariantCulture, $"RSS {r / 1024:N2} KiB, managed heap {(heap ?? 0) / 1024:N2} KiB"), r <= 5 * 1024);
        }

        var held = summary.Median("herald", "held");
        var fd = summary.Median("herald", "fd_limit");
        if (held is { } n)
        {
            yield return new GoalCheck(
                "100k idle connections held",
                string.Create(CultureInfo.InvariantCulture, $"{n:N0} held (open-file limit {fd:N0})"),
                n >= 100_000 ? true : fd is { } f && f < 100_000 ? null : false);
        }
    }

    private static long? FdLimit(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
            var parts = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return parts is { Length: > 4 } && long.TryParse(parts[3], CultureInfo.InvariantCulture, out var soft) ? soft : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
