using Herald.Bus;
using Herald.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Herald.Hub;

/// <summary>Feeds this node's hub from the bus: the one place committed events turn into deliveries.</summary>
internal sealed partial class HubDispatcher(IEventBus bus, HeraldHub hub, HeraldCounters counters, HeraldMetrics metrics, TimeProvider time, ILogger<HubDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await foreach (var entry in bus.ReadAllAsync(stoppingToken))
            {
                try
                {
                    hub.Dispatch(entry);

                    // Once per event, not per recipient: commit time to queued for everyone.
                    metrics.Delivered(time.GetUtcNow() - entry.Timestamp);
                }
                catch (Exception ex)
                {
                    // One bad event must not stop delivery of every later one.
                    Log.DispatchFailed(logger, entry.Channel, entry.Offset, ex);
                }
                finally
                {
                    counters.Dispatched();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 200, Level = LogLevel.Error, EventName = "DispatchFailed", Message = "Dispatching {Channel}@{Offset} failed.")]
        public static partial void DispatchFailed(ILogger logger, string channel, long offset, Exception exception);
    }
}
