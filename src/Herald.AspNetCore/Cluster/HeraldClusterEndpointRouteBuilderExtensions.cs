using Herald.AspNetCore.Cluster;
using Herald.AspNetCore.Cluster.Wire;
using Herald.AspNetCore.Hosting;
using Herald.AspNetCore.Metrics;
using Herald.WireFormats;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

public static class HeraldClusterEndpointRouteBuilderExtensions
{
    /// <summary>
    /// The operators' mount: <c>admin</c> only, subscribed to <c>cluster</c> with a snapshot so the
    /// status arrives at once. It speaks the cluster status format (seed 004: one
    /// <c>{"type","data","timestamp"}</c> per frame) unless <paramref name="wireFormat"/> says otherwise;
    /// Herald's own clients reach <c>cluster</c> over protocol v1 on any <c>MapHerald</c> mount.
    /// </summary>
    public static IEndpointConventionBuilder MapHeraldCluster(this IEndpointRouteBuilder endpoints, string pattern = "/ws/cluster", string customMetrics = "/api/cluster/custom-metrics", WireFormat? wireFormat = null)
    {
        Prerequisites.RequireCluster(endpoints, nameof(MapHeraldCluster));
        CustomMetricsEndpoints.Map(endpoints, customMetrics);
        var format = wireFormat ?? ClusterStatusFormat.Instance;
        return endpoints.MapHerald(pattern, m => m.UseWireFormat(format).Subscribe(ClusterStatusService.Channel, snapshot: true));
    }

    /// <summary>
    /// Prometheus text format of the <c>Herald</c> meter; anyone who can reach it may read it.
    /// To keep it off the public port, listen on a second port and restrict the route to it.
    /// </summary>
    public static IEndpointConventionBuilder MapHeraldMetrics(this IEndpointRouteBuilder endpoints, string pattern = "/metrics")
    {
        Prerequisites.RequireCluster(endpoints, nameof(MapHeraldMetrics));
        return endpoints.MapPrometheusScrapingEndpoint(pattern)
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
            .WithName("Metrics").WithTags("Herald").WithSummary("Prometheus text format.");
    }
}
