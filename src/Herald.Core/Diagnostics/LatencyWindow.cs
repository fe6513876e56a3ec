namespace Herald.Diagnostics;

/// <summary>The last N latency samples, for p50/p99/p99.9 in the cluster status.</summary>
public sealed class LatencyWindow
{
    private const int Size = 4096;
    private readonly double[] _samples = new double[Size];
    private readonly Lock _lock = new();
    private long _count;

    public void Add(double milliseconds)
    {
        lock (_lock)
        {
            _samples[_count++ % Size] = milliseconds;
        }
    }

    public (double P50, double P99, double P999, long Samples) Percentiles()
    {
        double[] copy;
        lock (_lock)
        {
            copy = _samples[..(int)Math.Min(_count, Size)];
        }

        if (copy.Length == 0)
        {
            return (0, 0, 0, 0);
        }

        Array.Sort(copy);
        double At(double q) => Math.Round(copy[Math.Min(copy.Length - 1, (int)Math.Ceiling(q * copy.Length) - 1)], 3);
        return (At(0.50), At(0.99), At(0.999), copy.Length);
    }
}
