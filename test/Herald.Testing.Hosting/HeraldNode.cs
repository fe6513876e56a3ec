using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Herald.Testing;

/// <summary>
/// A Herald server as a real child process (the published server binary) on its own port,
/// on the shared PostgreSQL store (or Redis: <see cref="StartOnRedis"/>). <see cref="Kill"/> drops it without a goodbye (failover);
/// <see cref="StopAsync"/> stops it on purpose (SIGTERM: it drains, announces it is leaving and
/// deregisters, which the cluster channel reports). Killed, whole tree, on dispose whatever happened.
/// Herald.Dashboard.Tests links this file.
/// </summary>
public sealed class HeraldNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly string _dataDirectory;

    private HeraldNode(string nodeId, int port, Process process, string dataDirectory)
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

    public bool HasExited => _process.HasExited;

    public string Output => string.Join('\n', _output.TakeLast(80));

    public static HeraldNode Start(string nodeId, string connectionString, IDictionary<string, string>? settings = null)
    {
        var port = FreePorts.Next();
        var data = Path.Combine(Path.GetTempPath(), "herald-node-" + Guid.NewGuid().ToString("N")[..12]);
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
        env["HERALD__POSTGRES__HEARTBEATINTERVAL"] = "00:00:00.500";
        env["HERALD__POSTGRES__NODETIMEOUT"] = "00:00:03";
        env["HERALD__NODEID"] = nodeId;
        env["HERALD__JWT__SECRET"] = TestSettings.Secret;
        env["HERALD__DATADIRECTORY"] = data;
        env["HERALD__NAMESPACES__public__HISTORYSIZE"] = "100000";
        env["HERALD__PUBLISHESPERSECOND"] = "100000";
        env["HERALD__DRAINTIMEOUT"] = "00:00:02";
        env["Logging__LogLevel__Default"] = "Warning";
        env["Logging__LogLevel__Herald"] = "Information";
        env["DOTNET_gcServer"] = "0";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        var process = Process.Start(start)!;
        var node = new HeraldNode(nodeId, port, process, data);
        process.OutputDataReceived += (_, e) => node.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => node.Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>
    /// A node on Redis (<c>Herald:Store = redis</c>): one instance, or several (shards) in order,
    /// under <paramref name="keyPrefix"/> so nodes of one test share a cluster and other tests' keys stay apart.
    /// </summary>
    public static HeraldNode StartOnRedis(string nodeId, IReadOnlyList<string> instances, string keyPrefix, IDictionary<string, string>? settings = null)
    {
        var redis = new Dictionary<string, string>
        {
            ["HERALD__STORE"] = "redis",
            ["HERALD__POSTGRES__CONNECTIONSTRING"] = "",
            ["HERALD__REDIS__KEYPREFIX"] = keyPrefix,
            ["HERALD__REDIS__HEARTBEATINTERVAL"] = "00:00:00.500",
            ["HERALD__REDIS__NODETIMEOUT"] = "00:00:03",
        };
        for (var i = 0; i < instances.Count; i++)
        {
            redis[$"HERALD__REDIS__CONNECTIONSTRINGS__{i}"] = instances[i];
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            redis[key] = value;
        }

        return Start(nodeId, "", redis);
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
                // A node busy starting may not answer within the client's timeout; ask again.
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Node {NodeId} was not ready within {limit}:\n{Output}");
            }

            await Task.Delay(50);
        }
    }

    public Uri WebSocketUri(string token) => new($"ws://127.0.0.1:{Port}/ws?token={Uri.EscapeDataString(token)}");

    public Uri ClusterUri(string token) => new($"ws://127.0.0.1:{Port}/ws/cluster?token={Uri.EscapeDataString(token)}");

    public async Task<TestClient> ConnectAsync(string token)
    {
        var client = await TestClient.ConnectAsync(WebSocketUri(token));
        (await client.NextAsync()).Type().ShouldBe("welcome");
        return client;
    }

    public async Task<HttpResponseMessage> PublishAsync(string channel, string eventName, object data, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/publish")
        {
            Content = JsonContent.Create(new { channel, @event = eventName, data, idempotency_key = idempotencyKey }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Publisher);
        return await Http.SendAsync(request, cancellationToken);
    }

    public async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Publisher);
        return await Http.SendAsync(request);
    }

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

    /// <summary>SIGKILL: no drain, no goodbye; its connections just drop.</summary>
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
