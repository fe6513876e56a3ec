using System.Text.Json;
using System.Text.Json.Serialization;

namespace Herald.AspNetCore.Http;

/// <summary>Body of <c>POST /api/publish</c>; also one element of a batch. Only <c>channel</c> and <c>event</c> are required (defaults make the rest optional in the OpenAPI document).</summary>
public sealed record PublishMessage(
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("data")] JsonElement? Data = null,
    [property: JsonPropertyName("key")] string? Key = null,
    [property: JsonPropertyName("tombstone")] bool? Tombstone = null,
    [property: JsonPropertyName("idempotency_key")] string? IdempotencyKey = null);

/// <summary>Body of <c>POST /api/publish/batch</c>.</summary>
public sealed record PublishBatch([property: JsonPropertyName("messages")] IReadOnlyList<PublishMessage> Messages);

/// <summary>Where a published event landed.</summary>
public sealed record PublishResponse(
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("epoch")] string Epoch,
    [property: JsonPropertyName("offset")] long Offset);

public sealed record PublishBatchResponse([property: JsonPropertyName("results")] IReadOnlyList<PublishResponse> Results);
