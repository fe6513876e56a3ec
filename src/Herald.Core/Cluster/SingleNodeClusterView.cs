namespace Herald.Cluster;

/// <summary>The cluster of one: no peers. Used when no multi-node store registered a view.</summary>
public sealed class SingleNodeClusterView : IClusterView
{
    public static SingleNodeClusterView Instance { get; } = new();

    public ValueTask<IReadOnlyList<ClusterPeer>> PeersAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<ClusterPeer>>([]);
}
