using Herald.AspNetCore.Metrics;
using Herald.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Herald.AspNetCore.Cluster;

public static class HeraldClusterExtensions
{
    /// <summary>
    /// Herald reporting on itself: the admin-only <c>cluster</c> namespace (added unless
    /// configured), its status feed, custom metrics, and the Prometheus collector.
    /// </summary>
    public static IServiceCollection AddHeraldCluster(this IServiceCollection services)
    {
        services.PostConfigure<HeraldOptions>(o => o.Namespaces.TryAdd(ClusterStatusService.Channel, new NamespaceOptions
        {
            SubscribeAttributes = ["admin"],
            PublishAttributes = ["admin"],
            HistorySize = 100,
        }));
        services.TryAddSingleton<CustomMetricsStore>();
        services.TryAddSingleton<ClusterStatusService>();
        services.AddHostedService(sp => sp.GetRequiredService<ClusterStatusService>());
        PrometheusExport.Add(services);
        return services;
    }

    /// <summary>The operators' mount: <c>admin</c> only, subscribed to <c>cluster</c> with a snapshot so the status arrives at once.</summary>
    public static IEndpointConventionBuilder MapHeraldCluster(this IEndpointRouteBuilder endpoints, string pattern = "/ws/cluster", string customMetrics = "/api/cluster/custom-metrics")
    {
        CustomMetricsEndpoints.Map(endpoints, customMetrics);
        return endpoints.MapHerald(pattern, m => m.Subscribe(ClusterStatusService.Channel, snapshot: true));
    }

    /// <summary>
    /// Prometheus text format of the <c>Herald</c> meter; anyone who can reach it may read it.
    /// To keep it off the public port, listen on a second port and restrict the route to it.
    /// </summary>
    public static IEndpointConventionBuilder MapHeraldMetrics(this IEndpointRouteBuilder endpoints, string pattern = "/metrics") =>
        endpoints.MapPrometheusScrapingEndpoint(pattern)
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
            .WithName("Metrics").WithTags("Herald").WithSummary("Prometheus text format.");
}
