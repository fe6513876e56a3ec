namespace Herald.Log;

/// <summary>One committed event: its place in its channel's stream and its payload.</summary>
public sealed class LogEntry
{
    // Marks "this format sends nothing for this event" in _formats, so it is decided once too.
    private static readonly byte[] NothingToSend = new byte[1];

    private byte[]? _encoded;

    // The other formats' encodings, by WireFormat.Slot: null on every entry no such format has seen.
    private byte[]?[]? _formats;

    public required string Channel { get; init; }

    public required string Epoch { get; init; }

    public required long Offset { get; init; }

    public required string Event { get; init; }

    public string? Key { get; init; }

    /// <summary>UTF-8 JSON of the event's <c>data</c>.</summary>
    public required ReadOnlyMemory<byte> Data { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public bool Tombstone { get; init; }

    /// <summary>
    /// The event as a wire format encodes it, encoded on first use and then shared by every
    /// recipient, every replay and every node-local subscriber. The log knows no wire format: the
    /// format hands its encoder in (Protocol's <c>EventEncoding</c> does for v1).
    /// </summary>
    internal byte[] EncodedWith(Func<LogEntry, byte[]> encode)
    {
        var encoded = Volatile.Read(ref _encoded);
        if (encoded is null)
        {
            // Two racing encoders produce identical bytes; keep whichever lands first.
            encoded = encode(this);
            encoded = Interlocked.CompareExchange(ref _encoded, encoded, null) ?? encoded;
        }

        return encoded;
    }

    /// <summary>
    /// <see cref="EncodedWith"/> for any other wire format, by its slot: encoded once per format on
    /// first use (null when the format sends nothing for this event), then shared.
    /// </summary>
    internal byte[]? EncodedFor(int slot, Func<LogEntry, byte[]?> encode)
    {
        var cache = Volatile.Read(ref _formats);
        if (cache is not null && slot < cache.Length && cache[slot] is { } cached)
        {
            return ReferenceEquals(cached, NothingToSend) ? null : cached;
        }

        var encoded = encode(this) ?? NothingToSend;
        while (true)
        {
            // Copy-on-write: each format is added to an entry once, so this stays rare.
            var grown = new byte[]?[Math.Max(slot + 1, cache?.Length ?? 0)];
            cache?.CopyTo(grown, 0);
            grown[slot] = encoded;
            var seen = Interlocked.CompareExchange(ref _formats, grown, cache);
            if (ReferenceEquals(seen, cache))
            {
                break;
            }

            cache = seen;
            if (slot < cache!.Length && cache[slot] is { } theirs)
            {
                // Another thread encoded it first: identical bytes, keep theirs.
                encoded = theirs;
                break;
            }
        }

        return ReferenceEquals(encoded, NothingToSend) ? null : encoded;
    }
}
