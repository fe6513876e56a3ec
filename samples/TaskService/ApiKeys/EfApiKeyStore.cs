using Herald.Security.ApiKeys;
using Microsoft.EntityFrameworkCore;
using TaskService.Data;

namespace TaskService.ApiKeys;

/// <summary>
/// Herald's key store over the sample's own <c>api_keys</c> table. Herald's ApiKeyService does the
/// key format, the hashing and the constant-time check; this only reads and writes rows. A short
/// context per call, because Herald holds the store as a singleton.
/// </summary>
internal sealed class EfApiKeyStore(IDbContextFactory<TaskDbContext> factory) : IApiKeyStore
{
    public async ValueTask AddAsync(ApiKey key, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.ApiKeys.Add(new ApiKeyEntity
        {
            Id = key.Id,
            KeyHash = key.Hash,
            Owner = key.Owner,
            Name = key.Name,
            Attributes = [.. key.Attributes],
            IsActive = key.Active,
            CreatedAt = key.CreatedAt,
            LastUsedAt = key.LastUsedAt,
            MaxConnections = key.MaxConnections,
            RequestsPerSecond = key.PublishesPerSecond,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async ValueTask<ApiKey?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        return row is null ? null : ToApiKey(row);
    }

    public async ValueTask<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.ApiKeys.AsNoTracking().ToListAsync(cancellationToken);
        return [.. rows.OrderBy(k => k.CreatedAt).Select(ToApiKey)];
    }

    public async ValueTask<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var updated = await db.ApiKeys.Where(k => k.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(k => k.IsActive, false), cancellationToken);
        return updated > 0;
    }

    public async ValueTask TouchAsync(string id, DateTimeOffset usedAt, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.ApiKeys.Where(k => k.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(k => k.LastUsedAt, usedAt), cancellationToken);
    }

    // The key's REST request rate rides in Herald's per-key publish rate: this service has no
    // publish API of its own, so that is the one per-key rate it needs (see RequestRateLimiter).
    private static ApiKey ToApiKey(ApiKeyEntity row) => new()
    {
        Id = row.Id,
        Name = row.Name,
        Owner = row.Owner,
        Attributes = row.Attributes,
        Hash = row.KeyHash,
        Active = row.IsActive,
        CreatedAt = row.CreatedAt,
        LastUsedAt = row.LastUsedAt,
        MaxConnections = row.MaxConnections,
        PublishesPerSecond = row.RequestsPerSecond,
    };
}
