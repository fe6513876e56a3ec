using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Herald.LoadGen.Targets;

/// <summary>A running server under test: started through /bin/sh exec so the pid we sample is the server's own.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(5) };

    // Servers still running when the generator is stopped (SIGTERM, Ctrl+C) must not outlive it.
    private static readonly HashSet<ServerProcess> Running = [];

    static ServerProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        Console.CancelKeyPress += (_, _) => KillAll();
    }
    private readonly ServerCommand _command;
    private readonly string _logPath;
    private Process? _process;

    private ServerProcess(ServerCommand command, string logPath)
    {
        _command = command;
        _logPath = logPath;
    }

    public int Pid => _process?.Id ?? 0;

    public Uri BaseUri => _command.BaseUri;

    public bool HasExited => _process?.HasExited ?? true;

    public static async Task<ServerProcess> StartAsync(ServerCommand command, string logPath, CancellationToken ct)
    {
        var server = new ServerProcess(command, logPath);
        await server.LaunchAsync(ct);
        return server;
    }

    /// <summary>Stops (SIGTERM, as a deploy would) and starts the same command on the same port.</summary>
    public async Task RestartAsync(CancellationToken ct)
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        await LaunchAsync(ct);
    }

    /// <summary>Starts the same command on the same port again, after <see cref="StopAsync"/>.</summary>
    public Task StartAgainAsync(CancellationToken ct) => LaunchAsync(ct);

    public async Task StopAsync(TimeSpan grace)
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Memory after a full collection: a GC through the startup hook (.NET) or /stats?gc=1 (Node).</summary>
    public async Task<ServerMemory> MeasureMemoryAsync()
    {
        long? heap = null;
        if (_command.GcProbeFile is { } file)
        {
            File.Delete(file);
            await File.WriteAllTextAsync(file + ".req", "gc");
            var until = Stopwatch.GetTimestamp() + (15 * Stopwatch.Frequency);
            while (!File.Exists(file) && Stopwatch.GetTimestamp() < until)
            {
                await Task.Delay(50);
            }

            if (File.Exists(file))
            {
                using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(file));
                heap = doc.RootElement.GetProperty("heap").GetInt64();
            }
        }
        else
        {
            using var doc = JsonDocument.Parse(await Probe.GetStringAsync(new Uri(BaseUri, "/stats?gc=1")));
            heap = doc.RootElement.GetProperty("heapUsed").GetInt64();
        }

        await Task.Delay(200);
        return new ServerMemory(Metrics.ProcStat.RssBytes(Pid) ?? 0, heap);
    }

    /// <summary>The log's first exception line (why a server would not start), else its tail.</summary>
    private string StartFailure()
    {
        var log = LogTail(20_000);
        var line = log.Split('\n').FirstOrDefault(l => l.Contains("Exception:", StringComparison.Ordinal));
        return line?.Trim() ?? LogTail(1500);
    }

    public string LogTail(int chars = 2000)
    {
        try
        {
            var text = File.ReadAllText(_logPath);
            return text.Length <= chars ? text : text[^chars..];
        }
        catch (IOException)
        {
            return "";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        lock (Running)
        {
            Running.Remove(this);
        }

        _process?.Dispose();
    }

    private static void KillAll()
    {
        lock (Running)
        {
            foreach (var server in Running)
            {
                try
                {
                    server._process?.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                }
            }

            Running.Clear();
        }
    }

    private async Task LaunchAsync(CancellationToken ct)
    {
        _process?.Dispose();
        var line = new StringBuilder("exec ");
        foreach (var part in new[] { _command.FileName }.Concat(_command.Arguments))
        {
            line.Append('\'').Append(part.Replace("'", "'\\''", StringComparison.Ordinal)).Append("' ");
        }

        line.Append(">>'").Append(_logPath).Append("' 2>&1");
        var start = new ProcessStartInfo("/bin/sh", ["-c", line.ToString()])
        {
            WorkingDirectory = _command.WorkingDirectory,
            UseShellExecute = false,
        };
        foreach (var (k, v) in _command.Environment)
        {
            start.Environment[k] = v;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {_command.FileName}");
        lock (Running)
        {
            Running.Add(this);
        }

        await WaitReadyAsync(ct);
    }

    private async Task WaitReadyAsync(CancellationToken ct)
    {
        var until = Stopwatch.GetTimestamp() + (60 * Stopwatch.Frequency);
        var health = new Uri(BaseUri, _command.HealthPath);
        while (Stopwatch.GetTimestamp() < until)
        {
            ct.ThrowIfCancellationRequested();
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"server exited with {_process.ExitCode} at start: {StartFailure()}");
            }

            try
            {
                using var response = await Probe.GetAsync(health, ct);
                if ((int)response.StatusCode < 500)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }

            await Task.Delay(100, ct);
        }

        throw new TimeoutException($"server not ready in 60 s: {LogTail(1500)}");
    }
}
