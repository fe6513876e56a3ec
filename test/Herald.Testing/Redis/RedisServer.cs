using System.Diagnostics;

namespace Herald.Testing;

/// <summary>
/// A throwaway <c>redis-server</c>: its own port and temp data directory, append-only file on with
/// <c>appendfsync always</c> (what docs/operations.md asks for acknowledged events to survive),
/// no RDB snapshots. <see cref="KillAsync"/> is kill -9, <see cref="StopAsync"/> a clean shutdown;
/// <see cref="StartAgainAsync"/> brings it back on the same port and data. Killed and deleted on dispose.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _root;
    private Process? _process;

    private RedisServer(string root, int port)
    {
        _root = root;
        Port = port;
    }

    public int Port { get; }

    public bool Running => _process is { HasExited: false };

    /// <summary>A StackExchange.Redis configuration string for this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public Uri Uri => new($"tcp://127.0.0.1:{Port}");

    /// <summary>The server's log, for a test's failure message.</summary>
    public string LogText => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "";

    private string LogPath => Path.Combine(_root, "redis.log");

    public static async Task<RedisServer> StartAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "herald-redis-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var server = new RedisServer(root, FreePorts.Next());
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>A key prefix no other test uses, so test classes on one server never see each other's keys.</summary>
    public static string NewPrefix(string name) => $"t-{name}-{Guid.NewGuid():N}"[..Math.Min(name.Length + 15, 60)] + ":";

    public async Task StartAgainAsync()
    {
        if (Running)
        {
            throw new InvalidOperationException("redis-server is already running.");
        }

        var start = new ProcessStartInfo(RedisBinaries.Server)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--dir", _root, "--logfile", LogPath, "--daemonize", "no", "--protected-mode", "no",
            "--appendonly", "yes", "--appendfsync", "always", "--save", "",
        })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
        _ = _process.StandardOutput.ReadToEndAsync();
        _ = _process.StandardError.ReadToEndAsync();
        await Eventually.TrueAsync(async () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with {_process.ExitCode}:\n{LogText}");
            }

            return await RespClient.TryAsync(Port, "PING") == "PONG";
        }, $"redis-server on port {Port} answering PING", TimeSpan.FromSeconds(30));
    }

    /// <summary>kill -9: nothing is flushed that was not already (with <c>appendfsync always</c>, every write was).</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    /// <summary>A clean shutdown (SIGTERM): clients are disconnected, the append-only file is complete.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            await ProcessRunner.RunAsync("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(deadline.Token);
        }
    }

    /// <summary>One command, its reply as text (a bulk string, a status, an integer or an error).</summary>
    public Task<string?> CommandAsync(params string[] command) => RespClient.SendAsync(Port, command);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
