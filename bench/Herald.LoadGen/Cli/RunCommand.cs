using System.CommandLine;
using System.Globalization;
using Herald.LoadGen.Orchestration;
using Herald.LoadGen.Results;
using Herald.LoadGen.Scenarios;
using Herald.LoadGen.Targets;

namespace Herald.LoadGen.Cli;

/// <summary>`run &lt;scenario&gt;`: every server in turn, several rounds, then the table, the JSON and the HTML report.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var scenario = new Argument<string>("scenario") { Description = "fanout | steady | channels | idle | storm | publish | cluster" };
        var targets = Opt("--targets", "herald,signalr,ws", "servers, comma-separated: herald, herald/<store>, signalr, ws");
        var rounds = Opt("--rounds", 3, "alternating rounds (the order rotates each round)");
        var clients = Opt("--clients", 1000, "subscribers / connections");
        var duration = Opt("--duration", 8.0, "seconds per measured phase (idle: hold time)");
        var warmup = Opt("--warmup", 2.0, "warm-up seconds before measuring");
        var payload = Opt("--payload", 256, "bytes of the JSON data object of every event (same for every server)");
        var rate = new Option<double?>("--rate") { Description = "fixed-rate phase, messages/s (default: half of each server's own max; steady: 20)" };
        var window = Opt("--window", 32, "messages per subscriber in flight in the closed-loop max phase");
        var batch = Opt("--batch", 0, "messages per publish request (0: scenario default)");
        var sources = Opt("--sources", 32, "loopback source addresses 127.0.0.1..N for client sockets");
        var serverCpus = Opt("--server-cpus", "0", "taskset CPU list for the server ('' to not pin)");
        var concurrency = Opt("--connect-concurrency", 200, "connections opened in parallel (not in the storm, which is all at once)");
        var stores = Opt("--stores", "memory,sqlite,postgres,redis", "Herald stores for the publish and cluster scenarios");
        var restart = Opt("--restart", false, "storm: restart the server instead of dropping the clients");
        var lanes = Opt("--lanes", 16, "publish: concurrent publishers; cluster: publishers spread over the nodes");
        var stormRate = Opt("--storm-rate", 200.0, "storm: messages/s published throughout");
        var heraldEnv = new Option<string[]>("--herald-env") { Description = "extra KEY=VALUE for Herald ({work} = run folder)", AllowMultipleArgumentsPerToken = true };
        var artifacts = Opt("--artifacts", "/tmp/bench-artifacts", "the --artifacts-path the servers were built with");
        var wsPeer = Opt("--ws-peer", "bench/Peers/ws-peer", "folder of the Node ws peer (npm ci done)");
        var results = Opt("--results", "bench/results", "where <run>.json and <run>.html go");
        var smoke = Opt("--smoke", false, "check that the harness worked (events flowed, nothing lost) and exit non-zero if not");

        var command = new Command("run", "Run a scenario against Herald and its peers")
        {
            scenario, targets, rounds, clients, duration, warmup, payload, rate, window, batch, sources, serverCpus, concurrency,
            stores, restart, lanes, stormRate, heraldEnv, artifacts, wsPeer, results, smoke,
        };
        command.SetAction(async (parse, ct) =>
        {
            var name = parse.GetValue(scenario)!;
            if (ScenarioCatalog.Find(name) is not { } chosen)
            {
                await Console.Error.WriteLineAsync($"unknown scenario '{name}'");
                return 2;
            }

            var artifactsPath = Path.GetFullPath(parse.GetValue(artifacts)!);
            var options = new RunOptions
            {
                Scenario = chosen.Name,
                Targets = Split(parse.GetValue(targets)),
                Rounds = parse.GetValue(rounds),
                Clients = parse.GetValue(clients),
                DurationSeconds = parse.GetValue(duration),
                WarmupSeconds = parse.GetValue(warmup),
                PayloadBytes = parse.GetValue(payload),
                Rate = parse.GetValue(rate),
                Window = parse.GetValue(window),
                Batch = parse.GetValue(batch),
                SourceAddresses = parse.GetValue(sources),
                ServerCpus = parse.GetValue(serverCpus) ?? "",
                ConnectConcurrency = parse.GetValue(concurrency),
                Stores = Split(parse.GetValue(stores)),
                Restart = parse.GetValue(restart),
                Lanes = parse.GetValue(lanes),
                StormRate = parse.GetValue(stormRate),
                HeraldEnvironment = (parse.GetValue(heraldEnv) ?? []).Select(kv => kv.Split('=', 2)).Where(kv => kv.Length == 2).ToDictionary(kv => kv[0], kv => kv[1]),
                Paths = new ArtifactPaths(
                    Path.Combine(artifactsPath, "bin/Herald.Server/release/Herald.Server.dll"),
                    Path.Combine(artifactsPath, "bin/SignalRPeer/release/SignalRPeer.dll"),
                    Path.Combine(artifactsPath, "bin/GcProbe/release/Herald.Bench.GcProbe.dll"),
                    Path.GetFullPath(parse.GetValue(wsPeer)!)),
                ResultsDirectory = Path.GetFullPath(parse.GetValue(results)!),
                CommandLine = Environment.GetEnvironmentVariable("BENCH_COMMAND") ?? "Herald.LoadGen " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
                Smoke = parse.GetValue(smoke),
            };
            return await ExecuteAsync(chosen, options, ct);
        });
        return command;
    }

    private static async Task<int> ExecuteAsync(IScenario scenario, RunOptions options, CancellationToken ct)
    {
        var runId = $"{DateTime.Now:yyyyMMdd-HHmmss}-{scenario.Name}{(options.Restart ? "-restart" : "")}";
        Console.WriteLine($"run {runId}: generator on {Environment.ProcessorCount} core(s), server on cpus '{options.ServerCpus}'");
        var report = await new Orchestrator(options, Console.Out).RunAsync(scenario, runId, ct);
        Directory.CreateDirectory(options.ResultsDirectory);
        var json = Path.Combine(options.ResultsDirectory, runId + ".json");
        var html = Path.Combine(options.ResultsDirectory, runId + ".html");
        await File.WriteAllTextAsync(json, ReportJson.Serialize(report), ct);
        await File.WriteAllTextAsync(html, HtmlReport.Render(report), ct);
        await File.WriteAllTextAsync(Path.Combine(options.ResultsDirectory, runId + ".md"), MarkdownReport.Render(report, runId + ".json"), ct);
        Console.WriteLine();
        Console.Write(ResultTable.Render(report));
        Console.WriteLine($"results: {json}");
        Console.WriteLine($"report:  {html}");
        if (options.Smoke)
        {
            var verdict = SmokeCheck.Judge(report);
            Console.WriteLine(verdict is null ? "smoke-check: ok" : $"smoke-check: FAILED {verdict}");
            return verdict is null ? 0 : 1;
        }

        return report.Summary.Any(t => t.RoundsOk > 0) ? 0 : 1;
    }

    private static Option<T> Opt<T>(string name, T defaultValue, string description) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue };

    private static string[] Split(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

}
