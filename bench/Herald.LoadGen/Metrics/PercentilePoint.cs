namespace Herald.LoadGen.Metrics;

/// <summary>One point of a latency percentile curve.</summary>
internal sealed record PercentilePoint(double Percentile, double ValueMs);
