namespace Herald.LoadGen.Metrics;

/// <summary>
/// A log-linear histogram in the manner of HdrHistogram: exact below 2^<see cref="PrecisionBits"/>, then each power
/// of two is split into 2^PrecisionBits equal buckets, so any recorded value is kept within 1/128 (0.8 %) of itself.
/// Values are unit-free longs (the harness records microseconds). Recording is lock-free and allocation-free,
/// so receive loops on any thread can record into one shared instance.
/// </summary>
internal sealed class LatencyHistogram
{
    public const int PrecisionBits = 7;
    private const int SubBuckets = 1 << PrecisionBits;

    // Groups 0..(63 - PrecisionBits) cover every non-negative long.
    private readonly long[] _counts = new long[(64 - PrecisionBits) * SubBuckets];
    private long _count;
    private long _sum;
    private long _min = long.MaxValue;
    private long _max;

    public long Count => Volatile.Read(ref _count);

    public long Min => Count == 0 ? 0 : Volatile.Read(ref _min);

    public long Max => Volatile.Read(ref _max);

    public double Mean => Count == 0 ? 0 : (double)Volatile.Read(ref _sum) / Count;

    public void Record(long value) => Record(value, 1);

    public void Record(long value, long times)
    {
        if (value < 0)
        {
            value = 0;
        }

        Interlocked.Add(ref _counts[BucketOf(value)], times);
        Interlocked.Add(ref _count, times);
        Interlocked.Add(ref _sum, value * times);
        UpdateMax(value);
        UpdateMin(value);
    }

    /// <summary>Adds every count of <paramref name="other"/> to this one (merging rounds or threads).</summary>
    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            var c = Volatile.Read(ref other._counts[i]);
            if (c != 0)
            {
                Interlocked.Add(ref _counts[i], c);
            }
        }

        Interlocked.Add(ref _count, other.Count);
        Interlocked.Add(ref _sum, Volatile.Read(ref other._sum));
        if (other.Count > 0)
        {
            UpdateMax(other.Max);
            UpdateMin(other.Min);
        }
    }

    public void Reset()
    {
        Array.Clear(_counts);
        _count = 0;
        _sum = 0;
        _min = long.MaxValue;
        _max = 0;
    }

    /// <summary>
    /// The value at quantile <paramref name="q"/> (0..1): the highest value equivalent to the bucket holding the
    /// q-th recorded value, never above the largest value recorded (HdrHistogram's convention).
    /// </summary>
    public long ValueAtQuantile(double q)
    {
        var total = Count;
        if (total == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(Math.Clamp(q, 0, 1) * total));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Volatile.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return Math.Min(HighestEquivalent(i), Max);
            }
        }

        return Max;
    }

    internal static int BucketOf(long value)
    {
        if (value < SubBuckets)
        {
            return (int)value;
        }

        var msb = 63 - (int)long.LeadingZeroCount(value);
        var shift = msb - PrecisionBits;
        return ((shift + 1) << PrecisionBits) + (int)((value >> shift) - SubBuckets);
    }

    internal static long LowestEquivalent(int bucket)
    {
        var group = bucket >> PrecisionBits;
        var sub = bucket & (SubBuckets - 1);
        return group == 0 ? sub : (long)(sub + SubBuckets) << (group - 1);
    }

    internal static long HighestEquivalent(int bucket)
    {
        var group = bucket >> PrecisionBits;
        return group == 0 ? bucket : LowestEquivalent(bucket) + (1L << (group - 1)) - 1;
    }

    private void UpdateMax(long value)
    {
        var current = Volatile.Read(ref _max);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref _max, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private void UpdateMin(long value)
    {
        var current = Volatile.Read(ref _min);
        while (value < current)
        {
            var seen = Interlocked.CompareExchange(ref _min, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
