using System.Net.Http.Json;
using System.Text.Json;
using Herald.Storage.Tests.Contract;
using Herald.Storage.Tests.Support;

namespace Herald.Storage.Tests.Redis;

/// <summary>API keys, tickets and membership live in Redis, so revocation, single use and the cluster view hold across nodes.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisSharedStateTests(RedisFixture redis) : ClusterCredentialsContract
{
    [Fact]
    public async Task Stats_on_either_node_show_both_and_a_node_that_stops_leaves_the_view()
    {
        var (a, b) = await StartTwoNodesAsync("stats");
        await using var nodeA = a;
        await using var nodeB = b;
        await using var onB = await nodeB.ConnectWelcomedAsync(nodeB.Token("alice"));
        var admin = nodeA.Token("root", "admin");
        async Task<JsonElement> StatsAsync()
        {
            using var response = await nodeA.GetAsync("/api/stats", admin);
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }

        var stats = await Eventually.UntilAsync(
            StatsAsync,
            s => s.GetProperty("cluster").GetProperty("nodes").GetInt32() == 2 && s.GetProperty("cluster").GetProperty("connections").GetInt64() >= 1,
            "node-a to see node-b and its connection");
        stats.GetProperty("node").GetProperty("node").GetString().ShouldBe("node-a");

        await onB.DisposeAsync();
        await nodeB.StopAsync();
        await Eventually.UntilAsync(StatsAsync, s => s.GetProperty("cluster").GetProperty("nodes").GetInt32() == 1, "node-b to leave the view when it stops");
    }

    protected override ValueTask<Dictionary<string, string?>> NodeSettingsAsync(string store, string nodeId) => ValueTask.FromResult(new Dictionary<string, string?>
    {
        ["Herald:Store"] = "redis",
        ["Herald:Redis:ConnectionString"] = redis.Server.ConnectionString,
        ["Herald:Redis:KeyPrefix"] = RedisServer.NewPrefix(store),
        ["Herald:Redis:HeartbeatInterval"] = "00:00:00.500",
        ["Herald:Redis:NodeTimeout"] = "00:00:03",
        ["Herald:NodeId"] = nodeId,
    });
}
