using System.Text.Json;
using Herald.Cluster;

namespace Herald.AspNetCore.Http;

/// <summary>Every live node's numbers: this node's fresh ones first, then each peer's last heartbeat report.</summary>
internal static class ClusterNodes
{
    public static async Task<List<(NodeStats Stats, string? State)>> CollectAsync(IClusterView? view, NodeStats local, CancellationToken cancellationToken)
    {
        var nodes = new List<(NodeStats, string?)> { (local, null) };
        view ??= SingleNodeClusterView.Instance;
        try
        {
            var peers = await view.PeersAsync(cancellationToken);
            foreach (var peer in peers.OrderBy(p => p.NodeId, StringComparer.Ordinal))
            {
                if (peer.NodeId != local.Node && peer.StatsJson is { } json && JsonSerializer.Deserialize<NodeStats>(json) is { } stats)
                {
                    nodes.Add((stats, peer.State));
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Peers are reported from the shared store; when it is unreachable this node still answers for itself.
        }

        return nodes;
    }
}
