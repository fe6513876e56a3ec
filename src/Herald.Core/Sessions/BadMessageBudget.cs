namespace Herald.Sessions;

/// <summary>Counts a connection's bad messages in a sliding window; exceeding it means close 4400.</summary>
internal sealed class BadMessageBudget(int limit, TimeSpan window, TimeProvider time)
{
    private readonly Queue<long> _stamps = new();

    /// <summary>Records one bad message; true when the budget is spent.</summary>
    public bool Spend()
    {
        var now = time.GetTimestamp();
        while (_stamps.TryPeek(out var oldest) && time.GetElapsedTime(oldest, now) > window)
        {
            _stamps.Dequeue();
        }

        _stamps.Enqueue(now);
        return _stamps.Count >= limit;
    }
}
