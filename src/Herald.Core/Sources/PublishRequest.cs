using System.Text.Json;

namespace Herald.Sources;

/// <summary>An event a backend wants published (PROTOCOL.md §8 <c>POST /api/publish</c>).</summary>
public sealed record PublishRequest(string Channel, string Event, ReadOnlyMemory<byte> Data)
{
    public string? Key { get; init; }

    /// <summary>Removes <see cref="Key"/> from the channel's latest state; still delivered as an event.</summary>
    public bool Tombstone { get; init; }

    public string? IdempotencyKey { get; init; }

    private static readonly byte[] Null = "null"u8.ToArray();

    /// <summary>Serializes <paramref name="data"/> with System.Text.Json's web defaults (camelCase).</summary>
    public static PublishRequest Create<T>(string channel, string eventName, T data, JsonSerializerOptions? options = null) =>
        new(channel, eventName, JsonSerializer.SerializeToUtf8Bytes(data, options ?? JsonSerializerOptions.Web));

    public static PublishRequest WithoutData(string channel, string eventName) => new(channel, eventName, Null);
}
