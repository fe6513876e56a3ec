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

    /// <summary>
    /// In a cluster: this node's number out of <see cref="Nodes"/>. Publishers stamp events with
    /// <c>timestamp % Nodes == node published to</c>, so deliveries split into same-node and cross-node latency.
    /// </summary>
    public int HomeNode { get; set; }

    /// <summary>0 outside a cluster: every latency goes to <see cref="Latency"/>.</summary>
    public int Nodes { get; set; }

    /// <summary>In a cluster, latency of events published to this subscriber's own node; <see cref="Latency"/> has the others.</summary>
    public LatencyHistogram SameNodeLatency { get; private set; } = new();

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
        SameNodeLatency = new LatencyHistogram();
        return previous;
    }

    public void RecordLatency(long publishedTimestamp, long now)
    {
        if (!_recording || publishedTimestamp <= 0)
        {
            return;
        }

        var micros = (now - publishedTimestamp) * 1_000_000 / Stopwatch.Frequency;
        (Nodes > 0 && publishedTimestamp % Nodes == HomeNode ? SameNodeLatency : Latency).Record(micros);
    }
}
