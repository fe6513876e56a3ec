using Herald.Storage.Tests.Support;

namespace Herald.Storage.Tests.Postgres;

/// <summary>Three Herald nodes (child processes) on one fresh database of the shared PostgreSQL, or on any store the nodes are started with.</summary>
public sealed class ClusterNodes : IAsyncDisposable
{
    private ClusterNodes(List<HeraldNode> nodes) => Nodes = nodes;

    public List<HeraldNode> Nodes { get; }

    public HeraldNode A => Nodes[0];

    public HeraldNode B => Nodes[1];

    public HeraldNode C => Nodes[2];

    public static async Task<ClusterNodes> StartAsync(PostgresServer server, string prefix, int count = 3)
    {
        var connectionString = await server.CreateDatabaseAsync(prefix);
        return await StartAsync(count, i => HeraldNode.Start($"{prefix}-{(char)('a' + i)}", connectionString));
    }

    /// <summary>Nodes of any store: <paramref name="start"/> starts the i-th; all of them are ready when this returns.</summary>
    public static Task<ClusterNodes> StartAsync(int count, Func<int, HeraldNode> start, TimeSpan? readyWithin = null) =>
        StartAsync(Enumerable.Range(0, count).Select(start), readyWithin);

    /// <summary>Waits for every node of <paramref name="starting"/> to be ready; kills them all if one is not.</summary>
    public static async Task<ClusterNodes> StartAsync(IEnumerable<HeraldNode> starting, TimeSpan? readyWithin = null)
    {
        var nodes = starting.ToList();
        var cluster = new ClusterNodes(nodes);
        try
        {
            await Task.WhenAll(nodes.Select(n => n.WaitReadyAsync(readyWithin)));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }
    }
}
