using System.Net;
using System.Text.Json;
using Herald.Storage.Tests.Postgres;

namespace Herald.Storage.Tests.Support;

/// <summary>
/// Three nodes on one store, each delivering what the others publish; run unchanged on each store
/// that serves several nodes: a subclass hands over the (shared) cluster.
/// </summary>
public abstract class ThreeNodeDrill : IAsyncLifetime
{
    private ClusterNodes _cluster = null!;

    protected ClusterNodes Cluster => _cluster;

    public async Task InitializeAsync() => _cluster = await ClusterAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<ClusterNodes> ClusterAsync();

    [Fact]
    public async Task A_subscriber_on_A_receives_in_order_what_B_and_C_publish()
    {
        await using var client = await _cluster.A.ConnectAsync(Tokens.Reader);
        await client.SendAsync(new { type = "subscribe", id = 1, channel = "public:mix" });
        (await client.NextOfTypeAsync("subscribed")).Long("offset").ShouldBe(0);

        const int each = 60;
        async Task<List<long>> PublishAll(HeraldNode node, string from)
        {
            var offsets = new List<long>();
            for (var n = 1; n <= each; n++)
            {
                using var response = await node.PublishAsync("public:mix", "tick", new { from, n });
                response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
                offsets.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("offset").GetInt64());
            }

            return offsets;
        }

        var acknowledged = await Task.WhenAll(PublishAll(_cluster.B, "b"), PublishAll(_cluster.C, "c"));
        acknowledged.SelectMany(o => o).Order().ShouldBe(Enumerable.Range(1, 2 * each).Select(i => (long)i));

        var events = await client.CollectAsync("event", 2 * each, TimeSpan.FromSeconds(15));
        events.Select(e => e.Long("offset")).ShouldBe(Enumerable.Range(1, 2 * each).Select(i => (long)i));
        foreach (var from in new[] { "b", "c" })
        {
            // Each publisher's own events arrive in the order it published them.
            events.Where(e => e.GetProperty("data").GetProperty("from").GetString() == from)
                .Select(e => e.GetProperty("data").GetProperty("n").GetInt32())
                .ShouldBe(Enumerable.Range(1, each));
        }

        (await client.StaysQuietAsync(TimeSpan.FromMilliseconds(300))).ShouldBeTrue();
    }

    [Fact]
    public async Task An_idempotent_publish_through_two_nodes_is_delivered_once()
    {
        await using var client = await _cluster.A.ConnectAsync(Tokens.Reader);
        await client.SendAsync(new { type = "subscribe", id = 1, channel = "public:idem" });
        await client.NextOfTypeAsync("subscribed");

        var responses = await Task.WhenAll(
            _cluster.B.PublishAsync("public:idem", "order.paid", new { order = 7 }, idempotencyKey: "order-7-paid"),
            _cluster.C.PublishAsync("public:idem", "order.paid", new { order = 7 }, idempotencyKey: "order-7-paid"));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        JsonDocument.Parse(bodies[0]).RootElement.GetProperty("offset").GetInt64().ShouldBe(1);
        JsonDocument.Parse(bodies[1]).RootElement.GetProperty("offset").GetInt64().ShouldBe(1);

        using var next = await _cluster.B.PublishAsync("public:idem", "order.shipped", new { order = 7 });
        var events = await client.CollectAsync("event", 2);
        events.Select(e => (e.Long("offset"), e.Str("event"))).ShouldBe([(1L, "order.paid"), (2L, "order.shipped")]);
    }
}
