using Herald.Protocol;

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
    /// The <c>event</c> message as sent on the wire, encoded on first use and shared by every
    /// recipient, every replay and every node-local subscriber.
    /// </summary>
    internal byte[] Encoded
    {
        get
        {
            var encoded = Volatile.Read(ref _encoded);
            if (encoded is null)
            {
                // Two racing encoders produce identical bytes; keep whichever lands first.
                encoded = ServerMessageWriter.EncodeEvent(this);
                encoded = Interlocked.CompareExchange(ref _encoded, encoded, null) ?? encoded;
            }

            return encoded;
        }
    }
}
