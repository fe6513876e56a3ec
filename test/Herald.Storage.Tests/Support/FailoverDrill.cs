using System.Text.Json;
using Herald.Storage.Tests.Postgres;

namespace Herald.Storage.Tests.Support;

/// <summary>
/// kill -9 of a node while its clients are subscribed and publishers keep going, run unchanged on
/// each store that serves several nodes: a subclass starts the three nodes.
/// </summary>
public abstract class FailoverDrill : IAsyncLifetime
{
    private ClusterNodes _cluster = null!;

    public async Task InitializeAsync() => _cluster = await StartClusterAsync();

    protected abstract Task<ClusterNodes> StartClusterAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Clients_of_a_killed_node_resume_elsewhere_with_every_acknowledged_event_once_in_order()
    {
        const string channel = "public:failover";
        var subscribers = Enumerable.Range(0, 4).Select(_ => new ResumingSubscriber(_cluster.Nodes, channel, preferred: 0)).ToList();
        await Task.WhenAll(subscribers.Select(s => s.Subscribed)).WaitAsync(TimeSpan.FromSeconds(15));

        // Publishers go through every node, A included: publishes in flight to A when it dies
        // are simply not acknowledged (and may or may not have committed).
        await using var one = new Publisher([_cluster.B, _cluster.C], channel, "p1").Start();
        await using var two = new Publisher(_cluster.Nodes, channel, "p2").Start();
        await Eventually.TrueAsync(() => subscribers.All(s => s.Last >= 40), "subscribers on A to receive 40 events", TimeSpan.FromSeconds(20));

        _cluster.A.Kill();
        var killedAt = one.Acknowledged.Count + two.Acknowledged.Count;
        await Eventually.TrueAsync(() => one.Acknowledged.Count + two.Acknowledged.Count >= killedAt + 60, "60 more acknowledged publishes after the kill", TimeSpan.FromSeconds(20));
        await one.StopAsync();
        await two.StopAsync();

        var acknowledged = one.Acknowledged.Concat(two.Acknowledged).ToList();
        var last = acknowledged.Max();
        await Eventually.TrueAsync(() => subscribers.All(s => s.Last >= last), $"every subscriber to reach offset {last}", TimeSpan.FromSeconds(20));

        foreach (var subscriber in subscribers)
        {
            subscriber.Problems.ShouldBeEmpty();
            subscriber.Reconnects.ShouldBeGreaterThanOrEqualTo(1);
            var received = subscriber.Offsets;
            received.ShouldBe(Enumerable.Range(1, received.Count).Select(i => (long)i), "in order, each once, no gap");
            acknowledged.ShouldBeSubsetOf(received);
        }

        // The dead node stops heartbeating and is declared gone.
        await Eventually.TrueAsync(async () => await ClusterSizeAsync(_cluster.B) == 2, "B's stats to drop the killed node", TimeSpan.FromSeconds(15));

        foreach (var subscriber in subscribers)
        {
            await subscriber.DisposeAsync();
        }
    }

    private static async Task<int> ClusterSizeAsync(HeraldNode node)
    {
        using var response = await node.GetAsync("/api/stats");
        using var stats = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return stats.RootElement.GetProperty("cluster").GetProperty("nodes").GetInt32();
    }
}
