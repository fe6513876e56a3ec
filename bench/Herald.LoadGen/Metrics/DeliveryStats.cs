using System.Diagnostics;

namespace Herald.LoadGen.Metrics;

/// <summary>
/// Counters every subscriber of a run adds to. Receive loops add once per frame, not once per message, so the
/// shared cache line is touched as little as the work allows.
/// </summary>
internal sealed class DeliveryStats
{
    private long _deliveries;
    private long _frames;
    private volatile bool _recording;

    public DeliveryStats()
    {
        Latency = new LatencyHistogram();
    }

    /// <summary>Publish-to-deliver latency in microseconds, recorded only while <see cref="Recording"/>.</summary>
    public LatencyHistogram Latency { get; private set; }

    public bool Recording
    {
        get => _recording;
        set => _recording = value;
    }

    public long Deliveries => Volatile.Read(ref _deliveries);

    public long Frames => Volatile.Read(ref _frames);

    public void AddFrame(int messages)
    {
        Interlocked.Add(ref _deliveries, messages);
        Interlocked.Increment(ref _frames);
    }

    /// <summary>Starts a new latency histogram (a new phase) and returns the previous one.</summary>
    public LatencyHistogram SwapLatency()
    {
        var previous = Latency;
        Latency = new LatencyHistogram();
        return previous;
    }

    public void RecordLatency(long publishedTimestamp, long now)
    {
        if (!_recording || publishedTimestamp <= 0)
        {
            return;
        }

        Latency.Record((now - publishedTimestamp) * 1_000_000 / Stopwatch.Frequency);
    }
}
