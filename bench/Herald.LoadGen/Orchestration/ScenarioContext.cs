using Herald.LoadGen.Auth;
using Herald.LoadGen.Clients;
using Herald.LoadGen.Metrics;
using Herald.LoadGen.Net;
using Herald.LoadGen.Protocols;
using Herald.LoadGen.Publishing;
using Herald.LoadGen.Targets;

namespace Herald.LoadGen.Orchestration;

/// <summary>What a scenario needs to drive one running server.</summary>
internal sealed class ScenarioContext(RunOptions options, ServerTarget target, ServerProcess server, LoopbackSources sources, HttpClient publishHttp, TokenMinter tokens, TextWriter log, Func<string, CancellationToken, Task<ServerProcess>> startNode)
{
    private string? _publisherToken;

    public RunOptions Options { get; } = options;

    public ServerTarget Target { get; } = target;

    public ServerProcess Server { get; } = server;

    public DeliveryStats Stats { get; } = new();

    public WireProtocol CreateProtocol(ServerProcess? node = null) => Target.Kind switch
    {
        TargetKind.Herald => new HeraldProtocol((node ?? Server).BaseUri, i => tokens.Mint($"bench-{i}")),
        TargetKind.SignalR => new SignalRProtocol((node ?? Server).BaseUri),
        _ => new WsPeerProtocol((node ?? Server).BaseUri),
    };

    public ClientPool CreatePool(int count, Func<int, string[]> channelsOf) =>
        new(count, CreateProtocol(), sources, Stats, channelsOf, Options.ReceiveBufferBytes);

    /// <summary>Subscribers of one node of a cluster, counted in their own <paramref name="stats"/>.</summary>
    public ClientPool CreatePool(int count, Func<int, string[]> channelsOf, ServerProcess node, DeliveryStats stats) =>
        new(count, CreateProtocol(node), sources, stats, channelsOf, Options.ReceiveBufferBytes);

    /// <summary>Another node of this run's target on the same store, with its own port and node id (the caller disposes it).</summary>
    public Task<ServerProcess> StartNodeAsync(string nodeId, CancellationToken ct) => startNode(nodeId, ct);

    /// <summary>A Herald JWT with the publish and admin attributes.</summary>
    public string PublisherToken => _publisherToken ??= tokens.Mint("bench-publisher", "publish", "admin");

    public HttpClient Http { get; } = publishHttp;

    public PublishClient CreatePublisher(ServerProcess? node = null)
    {
        var baseUri = (node ?? Server).BaseUri;
        var endpoint = Target.Kind == TargetKind.Herald
            ? new PublishEndpoint(baseUri, "/api/publish", "/api/publish/batch", PublisherToken)
            : new PublishEndpoint(baseUri, "/publish", "/publish/batch", null);
        return new PublishClient(Http, endpoint, Options.PayloadBytes);
    }

    public Task<ConnectReport> ConnectAsync(ClientPool pool, CancellationToken ct) =>
        pool.ConnectAllAsync(resume: false, Options.ConnectConcurrency, TimeSpan.FromSeconds(120), ct);

    public void Log(string message) => log.WriteLine($"  [{Target.Name}] {message}");

    /// <summary>Runs <paramref name="loop"/> until <paramref name="seconds"/> have passed, then lets it finish its request.</summary>
    public static async Task RunForAsync(double seconds, Func<CancellationToken, Task> loop)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        await loop(stop.Token);
    }

    /// <summary>Waits until <paramref name="done"/> or the timeout.</summary>
    public static async Task<bool> WaitUntilAsync(Func<bool> done, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!done())
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }
}
