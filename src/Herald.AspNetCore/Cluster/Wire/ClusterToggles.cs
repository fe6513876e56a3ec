namespace Herald.AspNetCore.Cluster.Wire;

/// <summary>The seed's <c>WSSubscription</c> fields as flags: what one connection wants to receive.</summary>
[Flags]
internal enum ClusterToggles
{
    None = 0,
    Status = 1,
    Latency = 2,
    Uptime = 4,
    Snapshot = 8,
    CustomMetrics = 16,
    StateChanges = 32,
    PeerChanges = 64,

    /// <summary>The seed's default: everything on.</summary>
    All = Status | Latency | Uptime | Snapshot | CustomMetrics | StateChanges | PeerChanges,
}
