using System.Text.Json;
using System.Text.Json.Serialization;

namespace Herald.AspNetCore.Http;

/// <summary>
/// One page of <c>GET /api/channels/{channel}/history</c>; written by <see cref="HistoryResult"/>,
/// declared here for the OpenAPI document. <c>recovered</c> is there only when <c>since</c> was given.
/// </summary>
public sealed record HistoryResponse(
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("epoch")] string Epoch,
    [property: JsonPropertyName("events")] IReadOnlyList<HistoryEvent> Events,
    [property: JsonPropertyName("next")] HistoryCursor Next,
    [property: JsonPropertyName("has_more")] bool HasMore,
    [property: JsonPropertyName("recovered"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Recovered = null);

/// <summary>A retained event, exactly as the v1 <c>event</c> message carries it; <c>key</c> and <c>tombstone</c> only when set.</summary>
public sealed record HistoryEvent(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("offset")] long Offset,
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("data")] JsonElement Data,
    [property: JsonPropertyName("ts")] DateTimeOffset Ts,
    [property: JsonPropertyName("key"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Key = null,
    [property: JsonPropertyName("tombstone"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Tombstone = null);

/// <summary>Where the next page starts after; also a valid <c>since</c> for <c>subscribe</c>.</summary>
public sealed record HistoryCursor(
    [property: JsonPropertyName("epoch")] string Epoch,
    [property: JsonPropertyName("offset")] long Offset);
