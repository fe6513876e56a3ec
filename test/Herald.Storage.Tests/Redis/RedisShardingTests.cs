using System.Net;
using System.Text.Json;
using Herald.Storage.Redis.Sharding;
using Herald.Storage.Tests.Postgres;

namespace Herald.Storage.Tests.Redis;

/// <summary>Channels spread over two redis-server instances by a stable hash of their names; two nodes on both.</summary>
public sealed class RedisShardingTests : IAsyncLifetime
{
    private readonly string _prefix = RedisServer.NewPrefix("shards");
    private RedisServer _one = null!;
    private RedisServer _two = null!;
    private ClusterNodes _cluster = null!;

    public async Task InitializeAsync()
    {
        _one = await RedisServer.StartAsync();
        _two = await RedisServer.StartAsync();
        _cluster = await RedisCluster.StartAsync([_one.ConnectionString, _two.ConnectionString], _prefix, "shards", count: 2);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _one.DisposeAsync();
        await _two.DisposeAsync();
    }

    [Fact]
    public void The_instance_of_a_channel_is_fnv1a_of_its_name_so_every_node_and_version_agrees()
    {
        // FNV-1a 32 of "public:a" is 1915161213, of "public:shard-1" 1555208228.
        ShardHash.Of("public:a", 2).ShouldBe(1);
        ShardHash.Of("public:shard-1", 2).ShouldBe(0);
        ShardHash.Of("public:shard-1", 3).ShouldBe(2);
        ShardHash.Of("public:anything", 1).ShouldBe(0);
    }

    [Fact]
    public async Task Channels_live_on_both_instances_and_a_client_resumes_any_of_them_on_the_other_node()
    {
        var channels = Enumerable.Range(0, 12).Select(i => $"public:shard-{i}").ToList();
        var firsts = new Dictionary<string, (string Epoch, long Offset)>();
        foreach (var channel in channels)
        {
            for (var n = 1; n <= 3; n++)
            {
                using var response = await _cluster.A.PublishAsync(channel, "tick", new { n });
                var body = await response.Content.ReadAsStringAsync();
                response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
                var ack = JsonDocument.Parse(body).RootElement;
                firsts.TryAdd(channel, (ack.Str("epoch"), ack.Long("offset")));
            }
        }

        var onOne = await HoldingAsync(_one, channels);
        var onTwo = await HoldingAsync(_two, channels);
        onOne.ShouldNotBeEmpty("some channels live on the first instance");
        onTwo.ShouldNotBeEmpty("some channels live on the second instance");
        onOne.Concat(onTwo).Order().ShouldBe(channels.Order(), "each channel on exactly one instance");

        await using var client = await _cluster.B.ConnectAsync(Tokens.Reader);
        var id = 0;
        foreach (var channel in channels)
        {
            var (epoch, offset) = firsts[channel];
            await client.SendAsync(new { type = "subscribe", id = ++id, channel, since = new { epoch, offset } });
            var subscribed = await client.NextOfTypeAsync("subscribed");
            subscribed.GetProperty("recovered").GetBoolean().ShouldBeTrue(subscribed.GetRawText());
            (await client.CollectAsync("event", 2)).Select(e => (e.Str("channel"), e.Long("offset"))).ShouldBe([(channel, offset + 1), (channel, offset + 2)]);
        }

        // And live: what A publishes on either instance reaches the client on B.
        foreach (var channel in new[] { onOne[0], onTwo[0] })
        {
            (await _cluster.A.PublishAsync(channel, "live", new { n = 4 })).EnsureSuccessStatusCode();
            var live = await client.NextOfTypeAsync("event", TimeSpan.FromSeconds(15));
            (live.Str("channel"), live.Str("event"), live.Long("offset")).ShouldBe((channel, "live", firsts[channel].Offset + 3));
        }
    }

    private async Task<List<string>> HoldingAsync(RedisServer server, List<string> channels)
    {
        var holding = new List<string>();
        foreach (var channel in channels)
        {
            if (await server.CommandAsync("EXISTS", $"{_prefix}{{{channel}}}:events") == "1")
            {
                holding.Add(channel);
            }
        }

        return holding;
    }
}
