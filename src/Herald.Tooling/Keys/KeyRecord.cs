namespace Herald.Tooling.Keys;

/// <summary>A key as listed: everything but the secret.</summary>
public sealed record KeyRecord(
    string Id,
    string Name,
    string Owner,
    IReadOnlyList<string> Attributes,
    bool Active,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    int? MaxConnections,
    int? PublishesPerSecond);
