namespace Herald.AspNetCore.Metrics;

/// <summary>One time series: a value (counter, gauge) or a histogram, under one label set.</summary>
internal sealed class MetricSeries(string labels, bool histogram)
{
    public static readonly double[] Bounds = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

    private readonly Lock _lock = new();
    private readonly long[]? _buckets = histogram ? new long[Bounds.Length + 1] : null;
    private double _value;
    private double _sum;
    private long _count;

    public string Labels { get; } = labels;

    public void Add(double value)
    {
        lock (_lock)
        {
            _value += value;
        }
    }

    public void Set(double value)
    {
        lock (_lock)
        {
            _value = value;
        }
    }

    public void Record(double value)
    {
        lock (_lock)
        {
            var i = Array.FindIndex(Bounds, b => value <= b);
            _buckets![i < 0 ? Bounds.Length : i]++;
            _sum += value;
            _count++;
        }
    }

    public (double Value, long[] Buckets, double Sum, long Count) Read()
    {
        lock (_lock)
        {
            return (_value, _buckets is null ? [] : (long[])_buckets.Clone(), _sum, _count);
        }
    }
}
