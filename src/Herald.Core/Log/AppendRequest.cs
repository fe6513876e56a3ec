namespace Herald.Log;

/// <summary>An event to append, validated and with its namespace's retention resolved.</summary>
public sealed record AppendRequest(
    string Channel,
    string Event,
    ReadOnlyMemory<byte> Data,
    string? Key,
    bool Tombstone,
    string? IdempotencyKey,
    ChannelRetention Retention);
