namespace Herald.Log;

/// <summary>
/// The events the last catch-ups of a few channels read, kept so that the next catch-up of the same
/// stretch reads only what was appended since, and shares the entries (and their encodings) instead
/// of reading, materialising and encoding them once per client. After a restart every client of a
/// channel resumes from about the same offset at once: 10,000 range reads of the same events.
/// </summary>
/// <remarks>
/// A slot holds one channel's events of one epoch with contiguous offsets <c>after+1 ..</c>; it
/// only ever grows at its end, so a slice handed out never changes under its reader. Committed
/// events do not change; a reset gives the stream a new epoch, which the caller names, so a slot
/// of another epoch is never served. What a slot holds was retained when it was read: the caller
/// decides from the head whether the range may be replayed at all, as it does for a store read.
/// </remarks>
internal sealed class RecentRanges
{
    // A few busy channels is what a storm is about; the bound keeps memory at a few thousand entries each.
    internal const int Channels = 8;
    internal const int MaxEntries = 4096;

    private readonly Lock _lock = new();
    private readonly Slot?[] _slots = new Slot?[Channels];
    private long _clock;

    /// <summary>As <see cref="IEventLogReader.ReadRangeAsync"/> for a stream of <paramref name="epoch"/>.</summary>
    public async ValueTask<IReadOnlyList<LogEntry>> ReadRangeAsync(IEventLogReader log, string channel, string epoch, long after, long through, int limit, CancellationToken cancellationToken)
    {
        var wanted = Math.Min(limit, through - after);
        if (wanted <= 0 || wanted > MaxEntries)
        {
            return await log.ReadRangeAsync(channel, after, through, limit, cancellationToken).ConfigureAwait(false);
        }

        var slot = Find(channel, epoch, after);
        if (slot is not null)
        {
            if (slot.Slice(after, after + wanted) is { } held)
            {
                return held;
            }

            // Only the events appended since the slot was read.
            var from = slot.Through;
            var tail = await log.ReadRangeAsync(channel, from, after + wanted, (int)(after + wanted - from), cancellationToken).ConfigureAwait(false);
            if (slot.TryAppend(tail, epoch) && slot.Slice(after, after + wanted) is { } extended)
            {
                return extended;
            }
        }

        var read = await log.ReadRangeAsync(channel, after, through, limit, cancellationToken).ConfigureAwait(false);
        Keep(channel, epoch, after, read);
        return read;
    }

    private Slot? Find(string channel, string epoch, long after)
    {
        lock (_lock)
        {
            foreach (var slot in _slots)
            {
                if (slot is not null && slot.Channel == channel && slot.Epoch == epoch && slot.After <= after)
                {
                    slot.Used = ++_clock;
                    return slot;
                }
            }

            return null;
        }
    }

    /// <summary>Keeps a read that starts a contiguous stretch, in place of the least recently used slot.</summary>
    private void Keep(string channel, string epoch, long after, IReadOnlyList<LogEntry> read)
    {
        if (!Slot.Contiguous(read, epoch, after))
        {
            return;
        }

        lock (_lock)
        {
            var victim = 0;
            for (var i = 0; i < _slots.Length; i++)
            {
                if (_slots[i] is null || (_slots[i]!.Channel == channel && _slots[i]!.Epoch == epoch))
                {
                    victim = i;
                    break;
                }

                if (_slots[i]!.Used < _slots[victim]!.Used)
                {
                    victim = i;
                }
            }

            // A slot that already reaches back as far stays: it may hold more than this read.
            if (_slots[victim] is { } kept && kept.Channel == channel && kept.Epoch == epoch && kept.After <= after)
            {
                return;
            }

            _slots[victim] = new Slot(channel, epoch, after, read) { Used = ++_clock };
        }
    }

    private sealed class Slot
    {
        private readonly Lock _lock = new();
        private LogEntry[] _entries;
        private int _count;

        public Slot(string channel, string epoch, long after, IReadOnlyList<LogEntry> read)
        {
            Channel = channel;
            Epoch = epoch;
            After = after;
            _entries = new LogEntry[Math.Max(16, read.Count * 2)];
            for (var i = 0; i < read.Count; i++)
            {
                _entries[i] = read[i];
            }

            _count = read.Count;
        }

        public string Channel { get; }

        public string Epoch { get; }

        /// <summary>The offset just before the first entry.</summary>
        public long After { get; }

        public long Used { get; set; }

        /// <summary>The last offset held.</summary>
        public long Through
        {
            get
            {
                lock (_lock)
                {
                    return After + _count;
                }
            }
        }

        public static bool Contiguous(IReadOnlyList<LogEntry> read, string epoch, long after)
        {
            for (var i = 0; i < read.Count; i++)
            {
                if (read[i].Offset != after + 1 + i || read[i].Epoch != epoch)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The entries <c>from+1 .. through</c>, or null when the slot does not reach that far yet.</summary>
        public IReadOnlyList<LogEntry>? Slice(long from, long through)
        {
            lock (_lock)
            {
                if (through > After + _count)
                {
                    return null;
                }

                return new ArraySegment<LogEntry>(_entries, (int)(from - After), (int)(through - from));
            }
        }

        /// <summary>Appends what was read after the slot's end, if it continues the slot exactly.</summary>
        public bool TryAppend(IReadOnlyList<LogEntry> tail, string epoch)
        {
            lock (_lock)
            {
                var end = After + _count;
                var skip = 0;
                // Another catch-up may have appended part of this meanwhile.
                while (skip < tail.Count && tail[skip].Offset <= end)
                {
                    skip++;
                }

                if (_count + tail.Count - skip > MaxEntries)
                {
                    return false;
                }

                for (var i = skip; i < tail.Count; i++)
                {
                    if (tail[i].Offset != end + 1 + (i - skip) || tail[i].Epoch != epoch)
                    {
                        return false;
                    }
                }

                if (_entries.Length < _count + tail.Count - skip)
                {
                    // A new array: slices handed out keep the old one, which never changes again.
                    var grown = new LogEntry[Math.Min(MaxEntries, Math.Max(_entries.Length * 2, _count + tail.Count - skip))];
                    Array.Copy(_entries, grown, _count);
                    _entries = grown;
                }

                for (var i = skip; i < tail.Count; i++)
                {
                    _entries[_count++] = tail[i];
                }

                return true;
            }
        }
    }
}
