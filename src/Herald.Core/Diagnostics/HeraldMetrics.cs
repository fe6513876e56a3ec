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
        // Names follow OpenTelemetry's; the Prometheus exporter adds the unit and _total
        // (herald.events.in → herald_events_in_total, herald.publish.duration → herald_publish_duration_seconds).
        _meter = meters.Create(MeterName);
        _meter.CreateObservableUpDownCounter("herald.connections", () => counters.Connections, "{connection}", "Open WebSocket connections.");
        _meter.CreateObservableUpDownCounter("herald.subscriptions", () => counters.Subscriptions, "{subscription}", "Active subscriptions.");
        _meter.CreateObservableCounter("herald.events.in", () => counters.EventsIn, "{event}", "Events committed through this node.");
        _meter.CreateObservableCounter("herald.deliveries", () => counters.Deliveries, "{delivery}", "Events queued to recipients.");
        _meter.CreateObservableCounter("herald.queue.overflows", () => counters.SlowConsumerCloses, "{connection}", "Connections closed with 4008.");
        _meter.CreateObservableCounter("herald.websocket.sent", () => counters.BytesSent, "By", "Bytes written to WebSockets.");
        _closes = _meter.CreateCounter<long>("herald.connections.closed", "{connection}", "Connections closed, by close code.");
        _publish = Seconds("herald.publish.duration", "From accepting a publish to its acknowledgement.");
        _append = Seconds("herald.store.append.duration", "One group commit in the log.");
        _deliveryLatency = Seconds("herald.delivery.latency", "From commit to queued for recipients.");
    }

    /// <summary>Histogram bounds in seconds, 100 µs to 10 s: the SDK's defaults are for milliseconds.</summary>
    internal static IReadOnlyList<double> Buckets { get; } = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>This application's meter: a process may host several Herald apps, each with its own.</summary>
    public Meter Meter => _meter;

    /// <summary>Publish-to-deliver latency percentiles for the cluster status, over a sliding sample.</summary>
    public LatencyWindow DeliveryWindow { get; } = new();

    internal void Closed(int code) => _closes.Add(1, new KeyValuePair<string, object?>("code", code));

    internal void Published(TimeSpan elapsed) => _publish.Record(elapsed.TotalSeconds);

    internal void Appended(TimeSpan elapsed) => _append.Record(elapsed.TotalSeconds);

    internal void Delivered(TimeSpan latency)
    {
        _deliveryLatency.Record(latency.TotalSeconds);
        DeliveryWindow.Add(latency.TotalMilliseconds);
    }

    public void Dispose() => _meter.Dispose();

    private Histogram<double> Seconds(string name, string description) =>
        _meter.CreateHistogram(name, "s", description, tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });
}
