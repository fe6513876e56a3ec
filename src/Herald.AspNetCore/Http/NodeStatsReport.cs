using System.Text.Json;
using Herald.Cluster;

namespace Herald.AspNetCore.Http;

internal sealed class NodeStatsReport(IServiceProvider services) : INodeStatsReport
{
    public string ToJson() => JsonSerializer.Serialize(StatsEndpoints.Local(services));
}
