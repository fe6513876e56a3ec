using System.Net;
using Herald.Storage.Tests.Postgres;

namespace Herald.Storage.Tests.Support;

/// <summary>
/// The store taken down and brought back under two running nodes, run unchanged on each store that
/// serves several nodes: a subclass starts a store of its own (it is taken down) and the nodes on it.
/// </summary>
public abstract class StoreRestartDrill : IAsyncLifetime
{
    private ClusterNodes _cluster = null!;

    public async Task InitializeAsync() => _cluster = await StartAsync();

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await DisposeStoreAsync();
    }

    /// <summary>Starts the store and two nodes on it.</summary>
    protected abstract Task<ClusterNodes> StartAsync();

    protected abstract Task TakeStoreDownAsync();

    protected abstract Task BringStoreBackAsync();

    protected abstract Task DisposeStoreAsync();

    /// <summary>Publishes (one per 20 ms) that may still fail once the store answers again, while nodes reconnect.</summary>
    protected virtual int FailuresWhileReconnecting => 5;

    [Fact]
    public async Task Publishes_fail_clearly_while_it_is_down_and_nothing_acknowledged_is_lost()
    {
        const string channel = "public:restart";
        var (first, second) = (_cluster.Nodes[0], _cluster.Nodes[1]);
        await using var subscriber = new ResumingSubscriber([first], channel);
        await subscriber.Subscribed.WaitAsync(TimeSpan.FromSeconds(15));
        await using var publisher = new Publisher([second], channel, "p", TimeSpan.FromMilliseconds(20)).Start();
        await Eventually.TrueAsync(() => publisher.Acknowledged.Count >= 20, "20 acknowledged publishes", TimeSpan.FromSeconds(15));

        await TakeStoreDownAsync();
        var acknowledgedWhenStopped = publisher.Acknowledged.Count;

        // Down: every publish is refused with the protocol's INTERNAL code, and no node is ready.
        await Eventually.TrueAsync(() => publisher.Failures.Count >= 5, "publishes to fail while the store is down", TimeSpan.FromSeconds(15));
        publisher.Failures.Take(5).ShouldAllBe(f => f.StartsWith("503 ", StringComparison.Ordinal) && f.Contains("\"INTERNAL\""));
        publisher.Acknowledged.Count.ShouldBeLessThanOrEqualTo(acknowledgedWhenStopped + 1, "nothing is acknowledged while the store is down (one may have been committing)");
        foreach (var node in _cluster.Nodes)
        {
            using var ready = await node.Http.GetAsync("/health/ready");
            ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        }

        await BringStoreBackAsync();
        var failuresAtRestart = publisher.Failures.Count;
        await Eventually.TrueAsync(() => publisher.Acknowledged.Count >= acknowledgedWhenStopped + 20, "publishes to be acknowledged again", TimeSpan.FromSeconds(30));
        await Task.WhenAll(_cluster.Nodes.Select(n => n.WaitReadyAsync(TimeSpan.FromSeconds(30))));
        await publisher.StopAsync();

        var acknowledged = publisher.Acknowledged;
        var last = acknowledged.Max();
        await Eventually.TrueAsync(() => subscriber.Last >= last, $"the subscriber on the other node to reach offset {last}", TimeSpan.FromSeconds(20));
        subscriber.Problems.ShouldBeEmpty();
        var received = subscriber.Offsets;
        received.ShouldBe(Enumerable.Range(1, received.Count).Select(i => (long)i), "in order, each once, no gap");
        acknowledged.ShouldBeSubsetOf(received);
        (publisher.Failures.Count - failuresAtRestart).ShouldBeLessThan(FailuresWhileReconnecting, "nodes recover by themselves, without a string of failures");
    }
}
