using Herald.AspNetCore.Cluster;
using Herald.AspNetCore.Metrics;
using Herald.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class HeraldClusterServiceCollectionExtensions
{
    /// <summary>
    /// Herald reporting on itself: the admin-only <c>cluster</c> namespace (added unless
    /// configured), its status feed, custom metrics, and the Prometheus collector.
    /// Needed by <c>MapHeraldCluster</c> and <c>MapHeraldMetrics</c>.
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
}
