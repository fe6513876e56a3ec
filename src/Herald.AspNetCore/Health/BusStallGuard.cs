using Herald.Bus;
using Herald.Configuration;
using Herald.Protocol;
using Herald.Sessions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.AspNetCore.Health;

/// <summary>
/// A node whose bus cannot deliver (its store unreachable, without a reset that would end its
/// connections) would keep its subscribers connected and silent. Once the bus has been unhealthy
/// for <see cref="HeraldOptions.BusStallTimeout"/>, every connection is told 1001 after what was
/// already queued for it, and new ones are refused with 503 until the bus recovers: their clients
/// resume with <c>since</c> on a healthy node, losing nothing.
/// </summary>
internal sealed partial class BusStallGuard(
    IEventBus bus,
    SessionRegistry sessions,
    TimeProvider time,
    IOptions<HeraldOptions> options,
    ILogger<BusStallGuard> logger) : BackgroundService
{
    private static readonly TimeSpan MaxTick = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private long _unhealthySince;
    private volatile bool _stalled;

    /// <summary>True while the bus has been unhealthy for longer than the bound.</summary>
    public bool Stalled => _stalled;

    /// <summary>
    /// Whether a new connection must be refused. While stalled the bus is asked again at once:
    /// the loop looks only once per tick, and readiness (which asks the bus directly) may already
    /// say yes; a balancer that believed it must not be turned away for up to a tick.
    /// </summary>
    public async ValueTask<bool> RefusesConnectionsAsync(CancellationToken cancellationToken)
    {
        if (!_stalled)
        {
            return false;
        }

        var healthy = await IsHealthyAsync(MaxTick, cancellationToken);
        if (healthy)
        {
            Observe(healthy: true, options.Value.BusStallTimeout);
        }

        return !healthy;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var bound = options.Value.BusStallTimeout;
        var tick = TimeSpan.FromTicks(Math.Min(MaxTick.Ticks, Math.Max(bound.Ticks / 4, TimeSpan.FromMilliseconds(50).Ticks)));
        try
        {
            while (true)
            {
                await Task.Delay(tick, time, stoppingToken);
                Observe(await IsHealthyAsync(tick, stoppingToken), bound);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> IsHealthyAsync(TimeSpan within, CancellationToken stoppingToken)
    {
        try
        {
            return await bus.IsHealthyAsync(stoppingToken).AsTask().WaitAsync(within, time, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private void Observe(bool healthy, TimeSpan bound)
    {
        // The loop and a connecting request may both observe; the stall clock must not be
        // restarted by one while the other closes everyone.
        lock (_gate)
        {
            ObserveLocked(healthy, bound);
        }
    }

    private void ObserveLocked(bool healthy, TimeSpan bound)
    {
        if (healthy)
        {
            if (_stalled)
            {
                Log.Recovered(logger);
            }

            _unhealthySince = 0;
            _stalled = false;
            return;
        }

        if (_unhealthySince == 0)
        {
            _unhealthySince = Math.Max(1, time.GetTimestamp());
        }

        if (time.GetElapsedTime(_unhealthySince) < bound)
        {
            return;
        }

        if (!_stalled)
        {
            _stalled = true;
            Log.Stalled(logger, bound, sessions.Count);
        }

        // Every tick while stalled: a connection that slipped in meanwhile goes too.
        if (sessions.Count > 0)
        {
            sessions.CloseAll(CloseCodes.GoingAway, "event store unreachable", flush: true);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.BusStalled, Level = LogLevel.Warning, EventName = "BusStalled", Message = "The event bus has not been able to deliver for {Bound}: closing {Count} connections with 1001 and refusing new ones until it recovers.")]
        public static partial void Stalled(ILogger logger, TimeSpan bound, int count);

        [LoggerMessage(EventId = EventIds.BusRecovered, Level = LogLevel.Information, EventName = "BusRecovered", Message = "The event bus delivers again; accepting connections.")]
        public static partial void Recovered(ILogger logger);
    }
}
