using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Herald.Diagnostics;

namespace Herald.AspNetCore.Metrics;

/// <summary>
/// The Prometheus text format (0.0.4) for the <c>Herald</c> meter, collected with a
/// <see cref="MeterListener"/>: the OpenTelemetry Prometheus exporter is not available here,
/// and this is all it would do for one meter.
/// </summary>
internal sealed class PrometheusCollector : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, ConcurrentDictionary<string, MetricSeries>> _series = new();
    private readonly Lock _scrapeLock = new();

    public PrometheusCollector(HeraldMetrics metrics)
    {
        // This app's meter only (by reference): other Herald apps in the process have their own.
        var meter = metrics.Meter;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Measure(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Measure(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Measure(i, v, tags));
        _listener.Start();
    }

    public string Scrape()
    {
        lock (_scrapeLock)
        {
            _listener.RecordObservableInstruments();
            var text = new StringBuilder();
            foreach (var (instrument, series) in _series.OrderBy(s => s.Key.Name, StringComparer.Ordinal))
            {
                WriteFamily(text, instrument, series.Values.OrderBy(s => s.Labels, StringComparer.Ordinal));
            }

            return text.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Measure(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = Labels(tags);
        var series = _series.GetOrAdd(instrument, _ => new()).GetOrAdd(labels, l => new MetricSeries(l, instrument is Histogram<double>));
        switch (instrument)
        {
            case Histogram<double>:
                series.Record(value);
                break;
            case Counter<long>:
                series.Add(value);
                break;
            default:
                // Observable instruments report their current total or level at each scrape.
                series.Set(value);
                break;
        }
    }

    private static void WriteFamily(StringBuilder text, Instrument instrument, IEnumerable<MetricSeries> series)
    {
        var (name, type) = NameAndType(instrument);
        text.Append("# HELP ").Append(name).Append(' ').Append(Escape(instrument.Description ?? "")).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        foreach (var s in series)
        {
            var (value, buckets, sum, count) = s.Read();
            if (type != "histogram")
            {
                text.Append(name).Append(type == "counter" ? "_total" : "").Append(Braces(s.Labels)).Append(' ').Append(Number(value)).Append('\n');
                continue;
            }

            long cumulative = 0;
            for (var i = 0; i <= MetricSeries.Bounds.Length; i++)
            {
                cumulative += buckets[i];
                var le = i < MetricSeries.Bounds.Length ? Number(MetricSeries.Bounds[i]) : "+Inf";
                text.Append(name).Append("_bucket").Append(Braces(Join(s.Labels, $"le=\"{le}\""))).Append(' ').Append(cumulative).Append('\n');
            }

            text.Append(name).Append("_sum").Append(Braces(s.Labels)).Append(' ').Append(Number(sum)).Append('\n');
            text.Append(name).Append("_count").Append(Braces(s.Labels)).Append(' ').Append(count).Append('\n');
        }
    }

    private static (string Name, string Type) NameAndType(Instrument instrument)
    {
        var name = instrument.Name.Replace('.', '_');
        return instrument switch
        {
            Histogram<double> => (name + (instrument.Unit == "ms" ? "_milliseconds" : ""), "histogram"),
            ObservableUpDownCounter<long> => (name, "gauge"),
            _ => (name.EndsWith("_total", StringComparison.Ordinal) ? name[..^6] : name, "counter"),
        };
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return "";
        }

        var parts = new List<string>(tags.Length);
        foreach (var (key, value) in tags)
        {
            parts.Add($"{key.Replace('.', '_')}=\"{Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")}\"");
        }

        parts.Sort(StringComparer.Ordinal);
        return string.Join(',', parts);
    }

    private static string Join(string labels, string extra) => labels.Length == 0 ? extra : labels + "," + extra;

    private static string Braces(string labels) => labels.Length == 0 ? "" : "{" + labels + "}";

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
