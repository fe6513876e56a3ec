using Herald.LoadGen.Auth;
using Herald.LoadGen.Metrics;
using Herald.LoadGen.Net;
using Herald.LoadGen.Results;
using Herald.LoadGen.Scenarios;
using Herald.LoadGen.Targets;

namespace Herald.LoadGen.Orchestration;

/// <summary>
/// Runs one scenario against every server in turn, several rounds, rotating the order each round so that no
/// server always goes first (warm caches, thermal state). Each run gets a freshly started server.
/// </summary>
internal sealed class Orchestrator(RunOptions options, TextWriter log)
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(8);

    public async Task<RunReport> RunAsync(IScenario scenario, string runId, CancellationToken ct)
    {
        var started = DateTimeOffset.Now;
        var machine = MachineInfo.Read();
        log.WriteLine($"machine: {machine.CpuModel}, {machine.Cores} cores, load average {machine.LoadAverage}");
        var targets = scenario.TargetsFor(options);
        var tokens = TokenMinter.CreateRandom();
        var sources = new LoopbackSources(options.SourceAddresses);
        using var publishHandler = sources.CreateHandler(maxConnectionsPerServer: 512);
        using var http = new HttpClient(publishHandler) { Timeout = Timeout.InfiniteTimeSpan };
        var runDirectory = Path.Combine(options.ResultsDirectory, runId);
        Directory.CreateDirectory(runDirectory);
        var launcher = new ServerLauncher(options.Paths, tokens, options.ServerCpus, options.HeraldEnvironment, runDirectory);

        var rounds = new List<RoundResult>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            var order = targets.Skip((round - 1) % targets.Count).Concat(targets.Take((round - 1) % targets.Count));
            foreach (var target in order)
            {
                log.WriteLine($"{scenario.Name} round {round}/{options.Rounds}: {target.Name}");
                rounds.Add(await RunOneAsync(scenario, target, round, launcher, runDirectory, sources, http, tokens, ct));
            }
        }

        var summary = targets.Select(t => TargetSummary.From(t.Name, rounds.Where(r => r.Target == t.Name).ToList())).ToList();
        var runSummary = new RunSummary(summary);
        return new RunReport
        {
            Scenario = scenario.Name,
            Description = scenario.Description,
            Command = options.CommandLine,
            Started = started,
            Machine = machine,
            Options = DescribeOptions(),
            Metrics = scenario.Metrics,
            Headline = scenario.Headline,
            Rounds = rounds,
            Summary = summary,
            Goals = scenario.Goals(runSummary).ToList(),
            Ratios = Ratios(scenario, runSummary),
        };
    }

    private async Task<RoundResult> RunOneAsync(IScenario scenario, ServerTarget target, int round, ServerLauncher launcher, string runDirectory, LoopbackSources sources, HttpClient http, TokenMinter tokens, CancellationToken ct)
    {
        var result = new RoundResult(scenario.Name, target.Name, round);
        var runName = $"{target.Name.Replace('/', '-')}-r{round}";
        var command = launcher.CommandFor(target, ServerLauncher.FreePort(), runName);
        ServerProcess server;
        try
        {
            server = await ServerProcess.StartAsync(command, Path.Combine(runDirectory, runName + ".log"), ct);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            result.Status = "unavailable";
            result.Error = FirstLines(e.Message);
            log.WriteLine($"  [{target.Name}] unavailable: {result.Error}");
            return result;
        }

        await using (server)
        {
            // Further nodes of the same run (the cluster scenario) are started by the scenario and stopped with it.
            async Task<ServerProcess> StartNodeAsync(string nodeId, CancellationToken token) =>
                await ServerProcess.StartAsync(launcher.CommandFor(target, ServerLauncher.FreePort(), runName, nodeId), Path.Combine(runDirectory, $"{runName}-{nodeId}.log"), token);

            var context = new ScenarioContext(options, target, server, sources, http, tokens, log, StartNodeAsync);
            var sampler = new TimelineSampler(() => server.Pid, () => context.Stats.Deliveries);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(RunLimit);
            try
            {
                await scenario.RunAsync(context, result, limit.Token);
                // Pinned to one core the generator can use at most Environment.ProcessorCount (= its affinity) cores.
                result.ClientBound = result.Status == "ok" && result.GeneratorCores >= 0.9 * Environment.ProcessorCount;
                if (result.ClientBound)
                {
                    result.Notes.Add("client-bound: the generator saturated its core; the figure is a floor of the server's capacity");
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                result.Status = "failed";
                result.Error = FirstLines(e.Message);
                log.WriteLine($"  [{target.Name}] failed: {e}");
                if (server.HasExited)
                {
                    result.Notes.Add($"server exited: {FirstLines(server.LogTail(600))}");
                }
            }
            finally
            {
                await sampler.DisposeAsync();
                result.Timeline = sampler.Points;
            }
        }

        return result;
    }

    private static Dictionary<string, double> Ratios(IScenario scenario, RunSummary summary)
    {
        var ratios = new Dictionary<string, double>();
        var metric = scenario.Metrics.FirstOrDefault(m => m.Key == scenario.Headline);
        if (summary.Median("herald", scenario.Headline) is not { } herald || metric is null)
        {
            return ratios;
        }

        foreach (var other in summary.Targets.Where(t => t.Target != "herald"))
        {
            if (summary.Median(other.Target, scenario.Headline) is { } value && value > 0 && herald > 0)
            {
                ratios[other.Target] = metric.HigherIsBetter ? herald / value : value / herald;
            }
        }

        return ratios;
    }

    private Dictionary<string, object> DescribeOptions() => new()
    {
        ["targets"] = options.Targets,
        ["rounds"] = options.Rounds,
        ["clients"] = options.Clients,
        ["duration_s"] = options.DurationSeconds,
        ["warmup_s"] = options.WarmupSeconds,
        ["payload_bytes"] = options.PayloadBytes,
        ["rate"] = options.Rate?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "half of each server's max",
        ["window"] = options.Window,
        ["batch"] = options.Batch,
        ["source_addresses"] = options.SourceAddresses,
        ["server_cpus"] = options.ServerCpus,
        ["generator_cpus"] = Environment.ProcessorCount,
        ["stores"] = options.Stores,
        ["restart"] = options.Restart,
        ["lanes"] = options.Lanes,
        ["storm_rate"] = options.StormRate,
    };

    private static string FirstLines(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var joined = string.Join(" | ", lines.Take(4));
        return joined.Length <= 400 ? joined : joined[..400];
    }
}
