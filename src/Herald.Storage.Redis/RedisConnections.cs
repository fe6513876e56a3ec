using Herald.Storage.Redis.Sharding;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Herald.Storage.Redis;

/// <summary>
/// The configured Redis instances, one <see cref="RedisShard"/> each. A channel's log, its
/// notifications and its idempotency keys live on <see cref="For"/>; state shared by the whole
/// cluster (keys, tickets, membership, limits) on <see cref="Shared"/>, the first instance.
/// Nothing connects until first used, so a node starts while Redis is still coming up.
/// </summary>
public sealed class RedisConnections : IAsyncDisposable
{
    private readonly RedisShard[] _shards;

    public RedisConnections(IOptions<RedisOptions> options, ILogger<RedisConnections> logger)
    {
        Options = options.Value;
        if (Options.Instances.Count == 0)
        {
            throw new InvalidOperationException("Herald:Store is redis but Herald:Redis:ConnectionString is empty.");
        }

        Keys = new RedisKeys(Options.KeyPrefix);
        _shards = [.. Options.Instances.Select((instance, i) => new RedisShard(i, Configure(instance, Options), logger))];
    }

    public RedisOptions Options { get; }

    public RedisKeys Keys { get; }

    public IReadOnlyList<RedisShard> Shards => _shards;

    /// <summary>Where cluster-wide state lives: the first instance.</summary>
    public RedisShard Shared => _shards[0];

    /// <summary>The instance that holds <paramref name="channel"/>, the same on every node.</summary>
    public RedisShard For(string channel) => _shards[ShardHash.Of(channel, _shards.Length)];

    public async ValueTask DisposeAsync()
    {
        foreach (var shard in _shards)
        {
            await shard.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static ConfigurationOptions Configure(string instance, RedisOptions options)
    {
        var configuration = ConfigurationOptions.Parse(instance);

        // Start (and stay up) while Redis is down: commands fail at once instead, so a publish is a
        // clean 503 and readiness says not ready, and the multiplexer keeps reconnecting.
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = (int)options.ProbeTimeout.TotalMilliseconds;
        configuration.SyncTimeout = (int)options.CommandTimeout.TotalMilliseconds;
        configuration.AsyncTimeout = (int)options.CommandTimeout.TotalMilliseconds;
        configuration.ClientName ??= "herald";
        return configuration;
    }
}
