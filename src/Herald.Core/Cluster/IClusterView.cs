namespace Herald.Cluster;

/// <summary>
/// What this node knows of the other nodes of its cluster, for stats. A multi-node store
/// (PostgreSQL) provides one; without it the cluster is this node alone.
/// </summary>
public interface IClusterView
{
    /// <summary>The other nodes that are alive (heartbeating), each with the stats it last reported.</summary>
    ValueTask<IReadOnlyList<ClusterPeer>> PeersAsync(CancellationToken cancellationToken);
}
