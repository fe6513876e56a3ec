namespace Herald.Cluster;

/// <summary>Another live node: its name, state, last heartbeat, and its stats as that node wrote them (JSON).</summary>
public sealed record ClusterPeer(string NodeId, string State, DateTimeOffset LastSeen, string? StatsJson);
