using System.Net;
using System.Net.Sockets;
using Herald.LoadGen.Auth;

namespace Herald.LoadGen.Targets;

/// <summary>Builds the start command of each target: same loopback address, same log level, same core.</summary>
internal sealed class ServerLauncher(ArtifactPaths paths, TokenMinter tokens, string serverCpus, IReadOnlyDictionary<string, string> heraldEnvironment, string workDirectory)
{
    /// <param name="nodeId">Another node of the same run (the cluster scenario): its own id and data folder, the
    /// same <c>{run}</c> in --herald-env, so every node shares the run's store and key prefix.</param>
    public ServerCommand CommandFor(ServerTarget target, int port, string runName, string? nodeId = null)
    {
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        var url = $"http://127.0.0.1:{port}";
        var probe = Path.Combine(workDirectory, $"{runName}{(nodeId is null ? "" : "-" + nodeId)}.gcprobe");
        var env = new Dictionary<string, string>
        {
            // The same quiet logging for both .NET servers: console logging per connection would dominate.
            ["Logging__LogLevel__Default"] = "Warning",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        switch (target.Kind)
        {
            case TargetKind.Herald:
                env["HERALD__JWT__SECRET"] = tokens.Secret;
                env["HERALD__STORE"] = target.Store ?? "memory";
                env["HERALD__NODEID"] = nodeId ?? "bench";
                // Each run's embedded database (and generated secret) in its own folder, kept across a restart.
                env["HERALD__DATADIRECTORY"] = Path.Combine(workDirectory, runName + (nodeId is null ? "" : "-" + nodeId) + "-data");
                // Herald's abuse limits (publishes per credential per second, connections per IP/credential) are
                // lifted: the peers have none, and a benchmark of a limiter measures the limit. --herald-env overrides.
                env["HERALD__PUBLISHESPERSECOND"] = "100000000";
                env["HERALD__MAXCONNECTIONSPERIP"] = "1000000";
                env["HERALD__MAXCONNECTIONSPERCREDENTIAL"] = "1000000";
                env["DOTNET_STARTUP_HOOKS"] = paths.GcProbeDll;
                env["BENCH_GCPROBE_FILE"] = probe;
                foreach (var (k, v) in heraldEnvironment)
                {
                    env[k] = v.Replace("{work}", workDirectory, StringComparison.Ordinal).Replace("{run}", runName, StringComparison.Ordinal);
                }

                // The content root must be the app's folder: its appsettings.json declares the `public` namespace.
                return Pinned("dotnet", [paths.HeraldDll, "--urls", url], env, Path.GetDirectoryName(paths.HeraldDll)!, baseUri, "/health/live", probe);
            case TargetKind.SignalR:
                env["DOTNET_STARTUP_HOOKS"] = paths.GcProbeDll;
                env["BENCH_GCPROBE_FILE"] = probe;
                return Pinned("dotnet", [paths.SignalRDll, "--urls", url], env, Path.GetDirectoryName(paths.SignalRDll)!, baseUri, "/health", probe);
            case TargetKind.Ws:
                env["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
                env["HOST"] = "127.0.0.1";
                return Pinned("node", ["--expose-gc", Path.Combine(paths.WsPeerDir, "server.js")], env, paths.WsPeerDir, baseUri, "/health", null);
            default:
                throw new ArgumentOutOfRangeException(nameof(target));
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private ServerCommand Pinned(string file, string[] args, Dictionary<string, string> env, string cwd, Uri baseUri, string health, string? probe) =>
        string.IsNullOrEmpty(serverCpus) || !File.Exists("/usr/bin/taskset")
            ? new ServerCommand(file, args, env, cwd, baseUri, health, probe)
            : new ServerCommand("taskset", ["-c", serverCpus, file, .. args], env, cwd, baseUri, health, probe);
}
