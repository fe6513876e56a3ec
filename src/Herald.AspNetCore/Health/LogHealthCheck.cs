using Herald.Bus;
using Herald.Log;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Herald.AspNetCore.Health;

/// <summary>Readiness: the configured log and bus answer.</summary>
internal sealed class LogHealthCheck(IEventLog log, IEventBus bus) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await log.IsHealthyAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The event log is not reachable.");
            }

            return await bus.IsHealthyAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The event bus is not reachable.");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("The event log or bus failed its check.", ex);
        }
    }
}
