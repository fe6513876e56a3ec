namespace Herald.Log;

/// <summary>One committed event: its place in its channel's stream and its payload.</summary>
public sealed class LogEntry
{
    private byte[]? _encoded;

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
}
