using System.Text.Json.Serialization;
using Herald.Security.ApiKeys;

namespace Herald.AspNetCore.Http;

/// <summary>Body of <c>POST /api/keys</c>.</summary>
public sealed record CreateKeyRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("owner")] string? Owner,
    [property: JsonPropertyName("attributes")] IReadOnlyList<string>? Attributes,
    [property: JsonPropertyName("max_connections")] int? MaxConnections,
    [property: JsonPropertyName("publishes_per_second")] int? PublishesPerSecond);

/// <summary>A key as listed; <see cref="Key"/> is set only in the answer that created it.</summary>
public sealed record KeyInfo(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("key"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Key,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("owner")] string Owner,
    [property: JsonPropertyName("attributes")] IReadOnlyList<string> Attributes,
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("last_used_at")] DateTimeOffset? LastUsedAt,
    [property: JsonPropertyName("max_connections")] int? MaxConnections,
    [property: JsonPropertyName("publishes_per_second")] int? PublishesPerSecond)
{
    public static KeyInfo From(ApiKey k, string? key = null) =>
        new(k.Id, key, k.Name, k.Owner, k.Attributes, k.Active, k.CreatedAt, k.LastUsedAt, k.MaxConnections, k.PublishesPerSecond);
}

public sealed record KeyList([property: JsonPropertyName("keys")] IReadOnlyList<KeyInfo> Keys);
