namespace Herald.AspNetCore.Cluster.Wire;

/// <summary>
/// One parsed client frame of the cluster status format: a subscription change (the toggles it
/// names, set on or off), a <c>ping</c>, a <c>pong</c>, or an error for the client.
/// </summary>
internal readonly record struct ClusterClientMessage(ClusterClientMessageKind Kind, ClusterToggles On = ClusterToggles.None, ClusterToggles Off = ClusterToggles.None, string? ErrorCode = null, string? ErrorMessage = null)
{
    /// <summary>The toggles after applying this change to <paramref name="current"/>.</summary>
    public ClusterToggles Apply(ClusterToggles current) => (current | On) & ~Off;
}
