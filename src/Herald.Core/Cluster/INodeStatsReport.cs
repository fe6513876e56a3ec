namespace Herald.Cluster;

/// <summary>
/// This node's stats as JSON, the shape <c>GET /api/stats</c> reports per node. A multi-node
/// store publishes it with its heartbeat so every node can report its peers; the hosting layer
/// provides it, so a store needs no reference to it.
/// </summary>
public interface INodeStatsReport
{
    string ToJson();
}
