using StackExchange.Redis;

namespace Herald.Storage.Redis;

/// <summary>
/// Every Redis key and pub/sub channel Herald uses, under <see cref="RedisOptions.KeyPrefix"/>. A
/// channel's keys share the hash tag <c>{channel}</c>, so they stay together on a Redis Cluster too.
/// </summary>
public sealed class RedisKeys(string prefix)
{
    public string Prefix { get; } = prefix;

    /// <summary>Hash: the channel's epoch, last offset and history age.</summary>
    public RedisKey Stream(string channel) => $"{Prefix}{{{channel}}}:stream";

    /// <summary>Redis stream: the channel's events, entry id <c>offset-0</c>.</summary>
    public RedisKey Events(string channel) => $"{Prefix}{{{channel}}}:events";

    /// <summary>Hash: the latest event per key.</summary>
    public RedisKey Latest(string channel) => $"{Prefix}{{{channel}}}:latest";

    /// <summary>Sorted set: each key of <see cref="Latest"/> by the offset of its latest event, for eviction and order.</summary>
    public RedisKey LatestOrder(string channel) => $"{Prefix}{{{channel}}}:latest-order";

    /// <summary>String with a 24 h expiry: where the publish that first used an idempotency key landed.</summary>
    public RedisKey Idempotency(string key) => $"{Prefix}idem:{key}";

    /// <summary>Set: every channel with a stream on this instance, so a node that lost notifications can find what moved.</summary>
    public RedisKey Channels => $"{Prefix}channels";

    /// <summary>The pub/sub channel on which each instance announces what it committed.</summary>
    public RedisChannel Notifications => RedisChannel.Literal($"{Prefix}notify");

    /// <summary>A key of shared state (keys, tickets, membership, limits) under the prefix.</summary>
    public RedisKey Shared(string name) => $"{Prefix}{name}";
}
