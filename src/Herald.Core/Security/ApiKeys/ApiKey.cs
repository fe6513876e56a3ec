namespace Herald.Security.ApiKeys;

/// <summary>An API key as stored: never the key itself, only its SHA-256.</summary>
public sealed record ApiKey
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>The subject connections with this key act as (<c>welcome.user</c>).</summary>
    public required string Owner { get; init; }

    public required IReadOnlyList<string> Attributes { get; init; }

    public required byte[] Hash { get; init; }

    public bool Active { get; init; } = true;

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>Open connections allowed with this key; null uses <c>Herald:MaxConnectionsPerCredential</c>.</summary>
    public int? MaxConnections { get; init; }

    /// <summary>Publishes per second allowed with this key; null uses <c>Herald:PublishesPerSecond</c>.</summary>
    public int? PublishesPerSecond { get; init; }
}
