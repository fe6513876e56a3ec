using System.Text.Json.Serialization;

namespace Herald.Security.Tickets;

/// <summary>What a ticket carries: the principal that bought it and its own expiry (unix ms).</summary>
internal sealed record TicketPayload(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("sub")] string Subject,
    [property: JsonPropertyName("attrs")] string[] Attributes,
    [property: JsonPropertyName("exp")] long Expires,
    [property: JsonPropertyName("pexp")] long? PrincipalExpires,
    [property: JsonPropertyName("cid")] string? CredentialId);
