namespace TaskService.ApiKeys;

/// <summary>
/// A row of <c>api_keys</c>: only the SHA-256 of a key is stored (Herald's <c>ApiKeyService</c>
/// makes and checks keys); <see cref="Owner"/> is the user id connections act as.
/// </summary>
public sealed class ApiKeyEntity
{
    public string Id { get; set; } = "";

    public byte[] KeyHash { get; set; } = [];

    public string Owner { get; set; } = "";

    public string Name { get; set; } = "";

    public List<string> Attributes { get; set; } = [];

    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>Open WebSocket connections allowed with this key; null uses <c>Herald:MaxConnectionsPerCredential</c>.</summary>
    public int? MaxConnections { get; set; }

    /// <summary>REST requests per second allowed with this key; null uses <c>TaskService:RequestsPerSecond</c>.</summary>
    public int? RequestsPerSecond { get; set; }
}
