using Herald.Bus;
using Herald.Log;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Herald.AspNetCore.Health;

/// <summary>
/// Readiness: the configured log and bus answer, both asked at once and given
/// <see cref="Deadline"/> together. A store that stopped answering makes the node not ready
/// within a second instead of holding the probe (and a load balancer's view) for as long as the
/// network takes to give up.
/// </summary>
internal sealed class LogHealthCheck(IEventLog log, IEventBus bus, TimeProvider time) : IHealthCheck
{
    internal static readonly TimeSpan Deadline = TimeSpan.FromMilliseconds(800);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Off the request's thread: a store whose check blocks (SQLite is synchronous) must not hold the answer.
        var logCheck = Task.Run(() => log.IsHealthyAsync(cancellationToken).AsTask(), cancellationToken);
        var busCheck = Task.Run(() => bus.IsHealthyAsync(cancellationToken).AsTask(), cancellationToken);
        try
        {
            await Task.WhenAll(logCheck, busCheck).WaitAsync(Deadline, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            var which = logCheck.IsCompleted ? "event bus" : "event log";
            return HealthCheckResult.Unhealthy($"The {which} did not answer within {Deadline.TotalMilliseconds:0} ms.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The event log or bus failed its check.", ex);
        }

        if (!logCheck.Result)
        {
            return HealthCheckResult.Unhealthy("The event log is not reachable.");
        }

        return busCheck.Result
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The event bus is not reachable.");
    }
}
