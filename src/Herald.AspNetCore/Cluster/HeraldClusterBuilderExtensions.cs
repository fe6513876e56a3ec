using Herald.AspNetCore.Cluster;
using Herald.AspNetCore.Metrics;
using Herald.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class HeraldClusterBuilderExtensions
{
    /// <summary>
    /// Herald reporting on itself: the admin-only <c>cluster</c> namespace (added unless
    /// configured), its status feed, custom metrics, and the Prometheus collector.
    /// Needed by <c>MapHeraldCluster</c> and <c>MapHeraldMetrics</c>.
    /// </summary>
    public static IHeraldBuilder AddCluster(this IHeraldBuilder herald)
    {
        ArgumentNullException.ThrowIfNull(herald);
        var services = herald.Services;
        if (services.Any(d => d.ServiceType == typeof(ClusterStatusService)))
        {
            // Once is enough; a second feed would publish every status twice.
            return herald;
        }

        services.PostConfigure<HeraldOptions>(o => o.Namespaces.TryAdd(ClusterStatusService.Channel, new NamespaceOptions
        {
            SubscribeAttributes = ["admin"],
            PublishAttributes = ["admin"],
            // Three events per status tick (status, latency, uptime): about eight minutes to resume in.
            HistorySize = 300,
        }));
        services.TryAddSingleton<CustomMetricsStore>();
        services.AddSingleton<ClusterStatusService>();
        services.AddHostedService(sp => sp.GetRequiredService<ClusterStatusService>());
        PrometheusExport.Add(services);
        return herald;
    }
}
