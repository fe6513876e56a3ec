namespace Herald.Log.Memory;

/// <summary>Remembers publish results by idempotency key for a window (24 h by the contract).</summary>
internal sealed class IdempotencyCache(TimeProvider time, TimeSpan window)
{
    private readonly Dictionary<string, AppendOutcome> _results = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, DateTimeOffset Expires)> _expiry = new();

    /// <summary>Callers hold the log's append lock, so this type needs none of its own.</summary>
    public bool TryGet(string key, out AppendOutcome outcome)
    {
        Sweep();
        return _results.TryGetValue(key, out outcome);
    }

    public void Add(string key, AppendOutcome outcome)
    {
        _results[key] = outcome with { Committed = null };
        _expiry.Enqueue((key, time.GetUtcNow() + window));
    }

    private void Sweep()
    {
        var now = time.GetUtcNow();
        while (_expiry.TryPeek(out var head) && head.Expires <= now)
        {
            _expiry.Dequeue();
            _results.Remove(head.Key);
        }
    }
}
