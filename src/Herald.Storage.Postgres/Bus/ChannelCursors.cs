namespace Herald.Storage.Postgres.Bus;

/// <summary>
/// Per channel, the last offset this node's bus handed to the hub. The bus reads back from
/// here on, so a range it never heard of (a lost LISTEN connection) is filled, and a range it
/// already delivered is not delivered twice. A subscribe-time read seeds a channel the bus has
/// not seen yet, so the first announced range is read from where that subscriber stands.
/// </summary>
internal sealed class ChannelCursors
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _delivered = new(StringComparer.Ordinal);

    /// <summary>Only for a channel without a cursor: an existing one is never moved by a read.</summary>
    public void Seed(string channel, long offset)
    {
        lock (_lock)
        {
            _delivered.TryAdd(channel, offset);
        }
    }

    public long? Get(string channel)
    {
        lock (_lock)
        {
            return _delivered.TryGetValue(channel, out var offset) ? offset : null;
        }
    }

    public void Advance(string channel, long offset)
    {
        lock (_lock)
        {
            if (!_delivered.TryGetValue(channel, out var current) || offset > current)
            {
                _delivered[channel] = offset;
            }
        }
    }

    public Dictionary<string, long> Snapshot()
    {
        lock (_lock)
        {
            return new Dictionary<string, long>(_delivered, StringComparer.Ordinal);
        }
    }
}
