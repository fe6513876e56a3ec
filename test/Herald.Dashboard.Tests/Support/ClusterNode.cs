using System.Collections.Concurrent;
using System.Diagnostics;
using Herald.Storage.Tests.Support;

namespace Herald.Dashboard.Tests.Support;

/// <summary>
/// A Herald server as a child process (the built Herald.Server.dll) on the shared PostgreSQL.
/// Unlike the storage tests' node it can stop gracefully (SIGTERM), because the cluster channel
/// announces draining and leaving only when a node shuts down on purpose.
/// </summary>
public sealed class ClusterNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly string _dataDirectory;

    private ClusterNode(string nodeId, int port, Process process, string dataDirectory)
    {
        NodeId = nodeId;
        Port = port;
        _process = process;
        _dataDirectory = dataDirectory;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(15) };
    }

    public string NodeId { get; }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public string Output => string.Join('\n', _output.TakeLast(80));

    public static ClusterNode Start(string nodeId, string connectionString)
    {
        var port = FreePorts.Next();
        var data = Path.Combine(Path.GetTempPath(), "herald-dash-" + Guid.NewGuid().ToString("N")[..12]);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(ServerBinary.Path);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        var env = start.Environment;
        env["HERALD__STORE"] = "postgres";
        env["HERALD__POSTGRES__CONNECTIONSTRING"] = connectionString;

        // Short heartbeats so a node that vanishes without a goodbye is noticed within seconds.
        env["HERALD__POSTGRES__HEARTBEATINTERVAL"] = "00:00:00.500";
        env["HERALD__POSTGRES__NODETIMEOUT"] = "00:00:03";
        env["HERALD__NODEID"] = nodeId;
        env["HERALD__JWT__SECRET"] = TestSettings.Secret;
        env["HERALD__DATADIRECTORY"] = data;
        env["HERALD__DRAINTIMEOUT"] = "00:00:02";
        env["Logging__LogLevel__Default"] = "Warning";
        env["Logging__LogLevel__Herald"] = "Information";
        env["DOTNET_gcServer"] = "0";

        var process = Process.Start(start)!;
        var node = new ClusterNode(nodeId, port, process, data);
        process.OutputDataReceived += (_, e) => node.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => node.Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200 (the store and the bus are reachable).</summary>
    public async Task WaitReadyAsync(TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Node {NodeId} exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await Http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Node {NodeId} was not ready within {limit}:\n{Output}");
            }

            await Task.Delay(50);
        }
    }

    public Uri ClusterUri(string token) => new($"ws://127.0.0.1:{Port}/ws/cluster?token={Uri.EscapeDataString(token)}");

    /// <summary>SIGTERM and wait for the exit: the host drains, announces its state and deregisters.</summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        if (_process.HasExited)
        {
            return;
        }

        await ProcessRunner.RunAsync("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"Node {NodeId} did not stop after SIGTERM:\n{Output}");
        }
    }

    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        Http.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return ValueTask.CompletedTask;
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 400)
        {
            _output.TryDequeue(out _);
        }
    }
}
