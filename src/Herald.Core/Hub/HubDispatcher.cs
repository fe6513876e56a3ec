using Herald.Bus;
using Herald.Diagnostics;
using Herald.Log;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Herald.Hub;

/// <summary>Feeds this node's hub from the bus: the one place committed events turn into deliveries.</summary>
internal sealed partial class HubDispatcher(IEventBus bus, HeraldHub hub, HeraldCounters counters, HeraldMetrics metrics, TimeProvider time, ILogger<HubDispatcher> logger) : BackgroundService
{
    // Enough to coalesce a burst into a few frames per recipient; small enough that the first
    // event of a burst is not held back behind a long fan-out.
    internal const int MaxBatch = 64;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var batch = new LogEntry[MaxBatch];
        var count = 0;
        try
        {
            await using var feed = bus.ReadAllAsync(stoppingToken).GetAsyncEnumerator(stoppingToken);
            var next = feed.MoveNextAsync();
            while (true)
            {
                // Dispatch what has arrived as soon as the feed has nothing more ready: waiting for
                // a fuller batch would only add latency.
                if (count > 0 && (!next.IsCompleted || count == MaxBatch))
                {
                    DispatchBatch(batch.AsSpan(0, count));
                    Array.Clear(batch, 0, count);
                    count = 0;
                }

                if (!await next)
                {
                    break;
                }

                batch[count++] = feed.Current;
                next = feed.MoveNextAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void DispatchBatch(ReadOnlySpan<LogEntry> batch)
    {
        try
        {
            hub.Dispatch(batch);
        }
        catch (Exception ex)
        {
            // One bad batch must not stop delivery of every later one; dispatch the rest one by one
            // so only the event that failed is lost to live delivery (clients recover it with since).
            foreach (var entry in batch)
            {
                DispatchOne(entry);
            }

            Log.DispatchBatchFailed(logger, batch.Length, ex);
        }

        var now = time.GetUtcNow();
        foreach (var entry in batch)
        {
            // Once per event, not per recipient: commit time to queued for everyone.
            metrics.Delivered(now - entry.Timestamp);
            counters.Dispatched();
        }
    }

    private void DispatchOne(LogEntry entry)
    {
        try
        {
            hub.Dispatch(entry);
        }
        catch (Exception ex)
        {
            Log.DispatchFailed(logger, entry.Channel, entry.Offset, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.DispatchFailed, Level = LogLevel.Error, EventName = "DispatchFailed", Message = "Dispatching {Channel}@{Offset} failed.")]
        public static partial void DispatchFailed(ILogger logger, string channel, long offset, Exception exception);

        [LoggerMessage(EventId = EventIds.DispatchBatchFailed, Level = LogLevel.Warning, EventName = "DispatchBatchFailed", Message = "Dispatching a batch of {Count} events failed; retried one by one.")]
        public static partial void DispatchBatchFailed(ILogger logger, int count, Exception exception);
    }
}
