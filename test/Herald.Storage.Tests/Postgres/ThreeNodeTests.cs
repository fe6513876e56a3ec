using System.Text.Json;
using Herald.Storage.Tests.Support;

namespace Herald.Storage.Tests.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class ThreeNodeTests(PostgresFixture postgres, SharedCluster shared) : ThreeNodeDrill, IClassFixture<SharedCluster>
{
    protected override Task<ClusterNodes> ClusterAsync() => shared.GetAsync(postgres.Server, "three");

    [Fact]
    public async Task Stats_on_any_node_show_the_whole_cluster()
    {
        await using var client = await Cluster.C.ConnectAsync(Tokens.Reader);
        // A peer's figures travel with its membership heartbeat (every 2 s), so this waits for C's next beat.
        // The probe awaits: blocking a pool thread here starved the very nodes it was waiting on, under CI load.
        var stats = await Eventually.UntilAsync(async () =>
        {
            using var response = await Cluster.A.GetAsync("/api/stats");
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }, s => s.GetProperty("cluster").GetProperty("nodes").GetInt32() == 3
            && s.GetProperty("cluster").GetProperty("connections").GetInt64() >= 1,
            "stats on A to list 3 nodes and C's connection");

        stats.GetProperty("node").GetProperty("node").GetString().ShouldBe(Cluster.A.NodeId);
        stats.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("node").GetString())
            .ShouldBe([Cluster.A.NodeId, Cluster.B.NodeId, Cluster.C.NodeId]);
    }
}
