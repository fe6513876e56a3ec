using System.Globalization;
using System.Text.Json;
using Herald.Security.ApiKeys;
using StackExchange.Redis;

namespace Herald.Storage.Redis.Keys;

/// <summary>
/// API keys on the shared instance: a hash per key, and a sorted set of ids by creation for the
/// list. One copy for the cluster, so a revocation on any node reaches every node's revocation
/// monitor at its next check (two seconds).
/// </summary>
internal sealed class RedisApiKeyStore(RedisConnections redis) : IApiKeyStore
{
    // HSET on a key that does not exist would create a record with only that field.
    private const string SetIfExists = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        return 1
        """;

    private static readonly RedisValue[] Fields = ["id", "name", "owner", "attributes", "hash", "active", "created_at", "last_used_at", "max_connections", "publishes_per_second"];

    private RedisKey Index => redis.Keys.Shared("apikeys");

    public async ValueTask AddAsync(ApiKey key, CancellationToken cancellationToken)
    {
        var db = await redis.Shared.DatabaseAsync(cancellationToken).ConfigureAwait(false);
        var batch = db.CreateTransaction();
        _ = batch.HashSetAsync(Record(key.Id), Write(key));
        _ = batch.SortedSetAddAsync(Index, key.Id, key.CreatedAt.ToUnixTimeMilliseconds());
        await batch.ExecuteAsync().ConfigureAwait(false);
    }

    public async ValueTask<ApiKey?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var db = await redis.Shared.DatabaseAsync(cancellationToken).ConfigureAwait(false);
        return Read(await db.HashGetAsync(Record(id), Fields).ConfigureAwait(false));
    }

    public async ValueTask<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken)
    {
        var db = await redis.Shared.DatabaseAsync(cancellationToken).ConfigureAwait(false);
        var ids = await db.SortedSetRangeByRankAsync(Index).ConfigureAwait(false);
        var reads = ids.Select(id => db.HashGetAsync(Record(id!), Fields)).ToArray();
        return [.. (await Task.WhenAll(reads).ConfigureAwait(false)).Select(Read).OfType<ApiKey>()];
    }

    public async ValueTask<bool> RevokeAsync(string id, CancellationToken cancellationToken) =>
        await SetAsync(id, "active", "0", cancellationToken).ConfigureAwait(false);

    public async ValueTask TouchAsync(string id, DateTimeOffset usedAt, CancellationToken cancellationToken) =>
        await SetAsync(id, "last_used_at", usedAt.ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);

    private async ValueTask<bool> SetAsync(string id, string field, RedisValue value, CancellationToken cancellationToken)
    {
        var db = await redis.Shared.DatabaseAsync(cancellationToken).ConfigureAwait(false);
        return (int)await db.ScriptEvaluateAsync(SetIfExists, [Record(id)], [field, value]).ConfigureAwait(false) == 1;
    }

    private RedisKey Record(string id) => redis.Keys.Shared("apikey:" + id);

    private static HashEntry[] Write(ApiKey key)
    {
        var entries = new List<HashEntry>
        {
            new("id", key.Id),
            new("name", key.Name),
            new("owner", key.Owner),
            new("attributes", JsonSerializer.Serialize(key.Attributes)),
            new("hash", key.Hash),
            new("active", key.Active ? "1" : "0"),
            new("created_at", key.CreatedAt.ToUnixTimeMilliseconds()),
        };
        if (key.LastUsedAt is { } used)
        {
            entries.Add(new("last_used_at", used.ToUnixTimeMilliseconds()));
        }

        if (key.MaxConnections is { } connections)
        {
            entries.Add(new("max_connections", connections));
        }

        if (key.PublishesPerSecond is { } rate)
        {
            entries.Add(new("publishes_per_second", rate));
        }

        return [.. entries];
    }

    private static ApiKey? Read(RedisValue[] v) => v[0].IsNull ? null : new ApiKey
    {
        Id = v[0]!,
        Name = v[1]!,
        Owner = v[2]!,
        Attributes = JsonSerializer.Deserialize<string[]>((string)v[3]!) ?? [],
        Hash = v[4]!,
        Active = v[5] == "1",
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(Long(v[6])),
        LastUsedAt = v[7].IsNull ? null : DateTimeOffset.FromUnixTimeMilliseconds(Long(v[7])),
        MaxConnections = v[8].IsNull ? null : (int)Long(v[8]),
        PublishesPerSecond = v[9].IsNull ? null : (int)Long(v[9]),
    };

    private static long Long(RedisValue value) => long.Parse((string)value!, CultureInfo.InvariantCulture);
}
