using Microsoft.Extensions.Hosting;

namespace Herald.Diagnostics;

/// <summary>Turns the monotonic counters into per-second rates over a sliding window.</summary>
public sealed class RateSampler(HeraldCounters counters, TimeProvider time) : BackgroundService
{
    private const int Window = 5;
    private readonly Lock _lock = new();
    private readonly Queue<(long Ticks, long EventsIn, long Deliveries)> _samples = new();

    public (double EventsInPerSecond, double DeliveriesPerSecond) Rates
    {
        get
        {
            lock (_lock)
            {
                if (_samples.Count < 2)
                {
                    return (0, 0);
                }

                var first = _samples.Peek();
                var last = _samples.Last();
                var seconds = time.GetElapsedTime(first.Ticks, last.Ticks).TotalSeconds;
                return seconds <= 0
                    ? (0, 0)
                    : ((last.EventsIn - first.EventsIn) / seconds, (last.Deliveries - first.Deliveries) / seconds);
            }
        }
    }

    internal void Sample()
    {
        lock (_lock)
        {
            _samples.Enqueue((time.GetTimestamp(), counters.EventsIn, counters.Deliveries));
            while (_samples.Count > Window + 1)
            {
                _samples.Dequeue();
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        Sample();
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            Sample();
        }
    }
}
