using Herald.Storage.Tests.Support;
using Herald.Testing;

namespace Herald.Storage.Tests.Postgres;

/// <summary>The history API on PostgreSQL: any node pages through what was published on another, filtered per recipient.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresHistoryTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Another_node_pages_through_the_visible_history_once_in_order()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("history");
        Dictionary<string, string?> Node(string id) => new()
        {
            ["Herald:Store"] = "postgres",
            ["Herald:Postgres:ConnectionString"] = connectionString,
            ["Herald:NodeId"] = id,
        };

        await using var nodeA = await HeraldTestServer.StartAsync(Node("node-a"));
        await using var nodeB = await HeraldTestServer.StartAsync(Node("node-b"));
        var visible = new List<long>();
        for (var i = 0; i < 12; i++)
        {
            // The storage namespace's rules (TestSettings): aip.updated needs storage:aips:read, aip.created does not suffice.
            var name = i % 3 == 0 ? "aip.created" : "aip.updated";
            var result = await nodeA.PublishAsync("storage:pg-history", name, new { i });
            if (name == "aip.updated")
            {
                visible.Add(result.Offset);
            }
        }

        var reader = nodeB.Token("reader", "storage:aips:read");

        var pages = await nodeB.AllPagesAsync(reader, "storage:pg-history", limit: 3);
        var stale = await nodeB.HistoryPageAsync(reader, "storage:pg-history", "since=2&epoch=0000000000000000");

        pages.SelectMany(p => p.Offsets()).ShouldBe(visible);
        pages.SelectMany(p => p.EventNames()).ShouldAllBe(n => n == "aip.updated");
        pages[^1].GetProperty("next").Long("offset").ShouldBe(12);
        stale.GetProperty("recovered").GetBoolean().ShouldBeFalse();
        stale.Offsets().ShouldBe(visible, "an unknown epoch starts at the oldest retained event");
    }
}
