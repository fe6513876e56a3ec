namespace Herald.Log.Memory;

/// <summary>One channel's stream in memory: offsets, bounded history, latest entry per key.</summary>
internal sealed class ChannelStream
{
    private readonly Lock _lock = new();
    private readonly List<LogEntry> _history = [];
    private readonly Dictionary<string, LinkedListNode<LogEntry>> _latest = new(StringComparer.Ordinal);
    private readonly LinkedList<LogEntry> _latestOrder = new();
    private int _head;
    private long _lastOffset;

    public ChannelStream(string channel, string epoch)
    {
        Channel = channel;
        Epoch = epoch;
    }

    public string Channel { get; }

    public string Epoch { get; }

    public LogEntry Append(AppendRequest request, DateTimeOffset now)
    {
        lock (_lock)
        {
            var entry = new LogEntry
            {
                Channel = Channel,
                Epoch = Epoch,
                Offset = ++_lastOffset,
                Event = request.Event,
                Key = request.Key,
                Data = request.Data,
                Timestamp = now,
                Tombstone = request.Tombstone,
            };
            _history.Add(entry);
            Trim(request.Retention, now);
            if (entry.Key is not null)
            {
                UpdateLatest(entry, request.Retention.MaxKeys);
            }

            return entry;
        }
    }

    public StreamHead Head
    {
        get
        {
            lock (_lock)
            {
                return new StreamHead(Epoch, _lastOffset);
            }
        }
    }

    public IReadOnlyList<LogEntry> Range(long after, long through, int limit)
    {
        lock (_lock)
        {
            // Offsets are contiguous from the first retained one, so the range is an index range.
            var firstRetained = _head < _history.Count ? _history[_head].Offset : _lastOffset + 1;
            var retained = _history.Count - _head;
            var skip = Math.Clamp(after + 1 - firstRetained, 0, retained);
            var count = Math.Min(Math.Clamp(through + 1 - firstRetained, 0, retained) - skip, limit);
            return count <= 0 ? [] : _history.GetRange(_head + (int)skip, (int)count);
        }
    }

    public IReadOnlyList<LogEntry> Latest()
    {
        lock (_lock)
        {
            return [.. _latestOrder];
        }
    }

    private void Trim(ChannelRetention retention, DateTimeOffset now)
    {
        var oldestAllowed = now - retention.HistoryAge;
        while (_head < _history.Count
            && (_history.Count - _head > retention.HistorySize || _history[_head].Timestamp < oldestAllowed))
        {
            _history[_head++] = null!;
        }

        // Compact lazily so trimming stays O(1) amortized.
        if (_head > 64 && _head * 2 > _history.Count)
        {
            _history.RemoveRange(0, _head);
            _head = 0;
        }
    }

    private void UpdateLatest(LogEntry entry, int maxKeys)
    {
        if (_latest.Remove(entry.Key!, out var previous))
        {
            _latestOrder.Remove(previous);
        }

        if (entry.Tombstone)
        {
            return;
        }

        _latest[entry.Key!] = _latestOrder.AddLast(entry);
        while (_latest.Count > maxKeys && _latestOrder.First is { } oldest)
        {
            _latestOrder.RemoveFirst();
            _latest.Remove(oldest.Value.Key!);
        }
    }
}
