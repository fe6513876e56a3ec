namespace Herald.LoadGen.Metrics;

/// <summary>A histogram reduced to what the report shows, in milliseconds, plus the percentile curve for the chart.</summary>
internal sealed record LatencySummary(
    long Count,
    double MeanMs,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double P999Ms,
    double P9999Ms,
    double MaxMs,
    IReadOnlyList<PercentilePoint> Curve)
{
    // Quantiles on a log scale of 1/(1-q), the usual shape of a latency percentile plot.
    private static readonly double[] CurveQuantiles =
        [0, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.995, 0.999, 0.9995, 0.9999, 0.99999, 1];

    public static LatencySummary FromMicroseconds(LatencyHistogram h)
    {
        static double Ms(long us) => us / 1000.0;
        var curve = CurveQuantiles.Select(q => new PercentilePoint(q * 100, Ms(h.ValueAtQuantile(q)))).ToArray();
        return new LatencySummary(
            h.Count,
            h.Mean / 1000.0,
            Ms(h.ValueAtQuantile(0.50)),
            Ms(h.ValueAtQuantile(0.90)),
            Ms(h.ValueAtQuantile(0.99)),
            Ms(h.ValueAtQuantile(0.999)),
            Ms(h.ValueAtQuantile(0.9999)),
            Ms(h.Max),
            curve);
    }
}
