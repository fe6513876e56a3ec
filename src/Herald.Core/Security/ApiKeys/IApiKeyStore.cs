namespace Herald.Security.ApiKeys;

/// <summary>Where API keys live: in memory, SQLite (the server's default) or PostgreSQL (a cluster).</summary>
public interface IApiKeyStore
{
    ValueTask AddAsync(ApiKey key, CancellationToken cancellationToken);

    ValueTask<ApiKey?> GetAsync(string id, CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Marks the key inactive; false when there is no such key.</summary>
    ValueTask<bool> RevokeAsync(string id, CancellationToken cancellationToken);

    ValueTask TouchAsync(string id, DateTimeOffset usedAt, CancellationToken cancellationToken);
}
