using System.Collections.Concurrent;

namespace Herald.Security.ApiKeys;

/// <summary>Keys for the memory store: gone on restart, like everything else in it.</summary>
internal sealed class InMemoryApiKeyStore : IApiKeyStore
{
    private readonly ConcurrentDictionary<string, ApiKey> _keys = new(StringComparer.Ordinal);

    public ValueTask AddAsync(ApiKey key, CancellationToken cancellationToken)
    {
        _keys[key.Id] = key;
        return ValueTask.CompletedTask;
    }

    public ValueTask<ApiKey?> GetAsync(string id, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_keys.GetValueOrDefault(id));

    public ValueTask<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<ApiKey>>([.. _keys.Values.OrderBy(k => k.CreatedAt)]);

    public ValueTask<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        while (_keys.TryGetValue(id, out var key))
        {
            if (_keys.TryUpdate(id, key with { Active = false }, key))
            {
                return ValueTask.FromResult(true);
            }
        }

        return ValueTask.FromResult(false);
    }

    public ValueTask TouchAsync(string id, DateTimeOffset usedAt, CancellationToken cancellationToken)
    {
        if (_keys.TryGetValue(id, out var key))
        {
            _keys.TryUpdate(id, key with { LastUsedAt = usedAt }, key);
        }

        return ValueTask.CompletedTask;
    }
}
