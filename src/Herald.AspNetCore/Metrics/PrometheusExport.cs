using Herald.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace Herald.AspNetCore.Metrics;

/// <summary>
/// The <c>Herald</c> meter through OpenTelemetry's Prometheus exporter. The meter is enabled
/// for the OpenTelemetry listener with <see cref="MeterScope.Local"/>, not with
/// <c>AddMeter</c>: AddMeter matches by name across the process, and a process may host several
/// Herald apps, each of which must report only its own meter (the one from its IMeterFactory).
/// </summary>
internal static class PrometheusExport
{
    /// <summary>The name OpenTelemetry registers its <see cref="IMetricsListener"/> under.</summary>
    private const string ListenerName = "OpenTelemetry";

    public static IServiceCollection Add(IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddPrometheusExporter(o =>
        {
            // A scrape sees the counters of that moment; scrapes are seconds apart, so no cache is needed.
            o.ScrapeResponseCacheDurationMilliseconds = 0;

            // herald_connections 3, not herald_connections{otel_scope_name="Herald",...} 3: one meter, nothing to tell apart.
            o.ScopeInfoEnabled = false;
            o.TargetInfoEnabled = false;
        }));
        services.AddMetrics(builder => builder.EnableMetrics(HeraldMetrics.MeterName, instrumentName: null, listenerName: ListenerName, scopes: MeterScope.Local));
        return services;
    }
}
