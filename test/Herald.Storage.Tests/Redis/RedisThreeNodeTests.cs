using System.Net;
using Herald.Storage.Tests.Postgres;
using Herald.Storage.Tests.Support;

namespace Herald.Storage.Tests.Redis;

[Collection(RedisCollection.Name)]
public sealed class RedisThreeNodeTests(RedisFixture redis, SharedCluster shared) : ThreeNodeDrill, IClassFixture<SharedCluster>
{
    protected override Task<ClusterNodes> ClusterAsync() => shared.GetAsync(() => RedisCluster.StartAsync([redis.Server], "three"));

    [Fact]
    public async Task An_event_far_larger_than_a_notification_needs_crosses_nodes_whole()
    {
        await using var client = await Cluster.A.ConnectAsync(Tokens.Reader);
        await client.SendAsync(new { type = "subscribe", id = 1, channel = "public:large" });
        await client.NextOfTypeAsync("subscribed");
        var text = new string('x', 60_000);

        using var response = await Cluster.B.PublishAsync("public:large", "big", new { text });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var received = await client.NextOfTypeAsync("event", TimeSpan.FromSeconds(15));
        received.GetProperty("data").GetProperty("text").GetString().ShouldBe(text);
    }
}
