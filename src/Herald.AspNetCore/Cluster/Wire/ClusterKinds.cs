namespace Herald.AspNetCore.Cluster.Wire;

/// <summary>
/// The message kinds of the cluster status format (seed 004) and which subscription toggle
/// governs each. A cluster event's name is its kind; kinds no toggle names always pass.
/// </summary>
internal static class ClusterKinds
{
    public const string Status = "status";
    public const string StatusUpdate = "status_update";
    public const string StateChange = "state_change";
    public const string PeerChange = "peer_change";
    public const string Latency = "latency";
    public const string Uptime = "uptime";
    public const string Snapshot = "snapshot";
    public const string CustomMetrics = "custom_metrics";
    public const string Error = "error";
    public const string Ping = "ping";
    public const string Pong = "pong";

    /// <summary>The toggle that governs <paramref name="kind"/>, or <see cref="ClusterToggles.None"/>.</summary>
    public static ClusterToggles ToggleFor(string kind) => kind switch
    {
        Status or StatusUpdate => ClusterToggles.Status,
        Latency => ClusterToggles.Latency,
        Uptime => ClusterToggles.Uptime,
        Snapshot => ClusterToggles.Snapshot,
        CustomMetrics => ClusterToggles.CustomMetrics,
        StateChange => ClusterToggles.StateChanges,
        PeerChange => ClusterToggles.PeerChanges,
        _ => ClusterToggles.None,
    };
}
