using System.Diagnostics.Metrics;

namespace Herald.Diagnostics;

/// <summary>
/// Herald's System.Diagnostics.Metrics instruments (meter <c>Herald</c>). Hot-path totals are
/// observed from <see cref="HeraldCounters"/> at collection time, so delivering an event costs
/// no instrument call; histograms are recorded once per publish batch or per event, never per recipient.
/// </summary>
public sealed class HeraldMetrics : IDisposable
{
    public const string MeterName = "Herald";

    private readonly Meter _meter;
    private readonly Counter<long> _closes;
    private readonly Histogram<double> _publish;
    private readonly Histogram<double> _append;
    private readonly Histogram<double> _deliveryLatency;

    public HeraldMetrics(HeraldCounters counters, IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _meter.CreateObservableUpDownCounter("herald.connections", () => counters.Connections, "{connection}", "Open WebSocket connections.");
        _meter.CreateObservableUpDownCounter("herald.subscriptions", () => counters.Subscriptions, "{subscription}", "Active subscriptions.");
        _meter.CreateObservableCounter("herald.events.in", () => counters.EventsIn, "{event}", "Events committed through this node.");
        _meter.CreateObservableCounter("herald.deliveries", () => counters.Deliveries, "{delivery}", "Events queued to recipients.");
        _meter.CreateObservableCounter("herald.queue.overflows", () => counters.SlowConsumerCloses, "{connection}", "Connections closed with 4008.");
        _meter.CreateObservableCounter("herald.bytes.sent", () => counters.BytesSent, "By", "Bytes written to WebSockets.");
        _closes = _meter.CreateCounter<long>("herald.connections.closed", "{connection}", "Connections closed, by close code.");
        _publish = _meter.CreateHistogram<double>("herald.publish.duration", "ms", "From accepting a publish to its acknowledgement.");
        _append = _meter.CreateHistogram<double>("herald.store.append.duration", "ms", "One group commit in the log.");
        _deliveryLatency = _meter.CreateHistogram<double>("herald.delivery.latency", "ms", "From commit to queued for recipients.");
    }

    /// <summary>This application's meter: a process may host several Herald apps, each with its own.</summary>
    public Meter Meter => _meter;

    /// <summary>Publish-to-deliver latency percentiles for the cluster status, over a sliding sample.</summary>
    public LatencyWindow DeliveryWindow { get; } = new();

    internal void Closed(int code) => _closes.Add(1, new KeyValuePair<string, object?>("code", code));

    internal void Published(TimeSpan elapsed) => _publish.Record(elapsed.TotalMilliseconds);

    internal void Appended(TimeSpan elapsed) => _append.Record(elapsed.TotalMilliseconds);

    internal void Delivered(TimeSpan latency)
    {
        _deliveryLatency.Record(latency.TotalMilliseconds);
        DeliveryWindow.Add(latency.TotalMilliseconds);
    }

    public void Dispose() => _meter.Dispose();
}
