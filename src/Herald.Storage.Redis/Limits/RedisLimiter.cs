using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Herald.Limits;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Herald.Storage.Redis.Limits;

/// <summary>
/// Herald's limits counted once for the cluster on the shared instance, by Redis's clock. A rate is
/// a token bucket in a hash; held leases (connections) are members of a sorted set scored by their
/// expiry, which <see cref="RedisLeaseRenewer"/> pushes on while the node lives: a node killed
/// without a goodbye frees its slots after <see cref="RedisOptions.NodeTimeout"/>. While Redis is
/// unreachable the limits are counted on this node, so an outage neither blocks nor unlimits.
/// </summary>
internal sealed partial class RedisLimiter(RedisConnections redis, string nodeId, TimeProvider time, ILogger<RedisLimiter> logger) : ISharedLimiter, IAsyncDisposable
{
    // KEYS: bucket. ARGV: permits, per second. Returns 0 when taken, else the milliseconds until it would be.
    private const string Take = """
        local t = redis.call('TIME')
        local now = t[1] * 1000000 + t[2]
        local permits = tonumber(ARGV[1])
        local rate = tonumber(ARGV[2])
        local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
        local tokens = tonumber(b[1]) or rate
        local at = tonumber(b[2]) or now
        tokens = math.min(rate, tokens + (now - at) * rate / 1000000)
        local wait = 0
        if tokens >= permits then tokens = tokens - permits else wait = math.ceil((permits - tokens) * 1000 / rate) end
        redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
        redis.call('PEXPIRE', KEYS[1], 2000)
        return wait
        """;

    // KEYS: lease set. ARGV: limit, member, lifetime (ms). Returns 1 when held.
    private const string Hold = """
        local t = redis.call('TIME')
        local now = t[1] * 1000 + math.floor(t[2] / 1000)
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
        redis.call('ZADD', KEYS[1], now + ARGV[3], ARGV[2])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return 1
        """;

    // KEYS: lease set. ARGV: lifetime (ms), members. Only leases still there move: one a peer swept as expired stays gone.
    private const string Renew = """
        local t = redis.call('TIME')
        local now = t[1] * 1000 + math.floor(t[2] / 1000)
        for i = 2, #ARGV do redis.call('ZADD', KEYS[1], 'XX', now + ARGV[1], ARGV[i]) end
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        return 0
        """;

    // A limit is a best-effort count; it must not hold a publish or a connect for Redis's whole command
    // timeout. An answer slower than this counts locally, and after a failure only one call a second
    // asks Redis again (the stall drill: a publish took 10 s, the limiter's 5 s timeout before the log's own).
    private static readonly TimeSpan Patience = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(1);

    private readonly LocalLimiter _local = new();
    private long _retryAt;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _held = new(StringComparer.Ordinal);
    private readonly long _lifetimeMs = (long)redis.Options.NodeTimeout.TotalMilliseconds;
    private long _next;
    private int _unreachable;

    public async ValueTask<RateLimitLease> TryTakeAsync(string key, int permits, int perSecond, CancellationToken cancellationToken)
    {
        if (permits > perSecond)
        {
            return SharedLimitLease.Refused(TimeSpan.FromSeconds(1));
        }

        if (!ShouldAsk())
        {
            return await _local.TryTakeAsync(key, permits, perSecond, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var db = await DatabaseAsync(cancellationToken).ConfigureAwait(false);
            var wait = (long)await db.ScriptEvaluateAsync(Take, [Key("rate:", key)], [permits, perSecond]).WaitAsync(Patience, time, cancellationToken).ConfigureAwait(false);
            Reachable();
            return wait == 0 ? SharedLimitLease.Granted : SharedLimitLease.Refused(TimeSpan.FromMilliseconds(wait));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Unreachable(ex);
            return await _local.TryTakeAsync(key, permits, perSecond, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<RateLimitLease> TryHoldAsync(string key, int limit, CancellationToken cancellationToken)
    {
        var set = Key("hold:", key);
        var member = $"{nodeId}:{Interlocked.Increment(ref _next)}";
        if (!ShouldAsk())
        {
            return await _local.TryHoldAsync(key, limit, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var db = await DatabaseAsync(cancellationToken).ConfigureAwait(false);
            var held = (long)await db.ScriptEvaluateAsync(Hold, [set], [limit, member, _lifetimeMs]).WaitAsync(Patience, time, cancellationToken).ConfigureAwait(false) == 1;
            Reachable();
            if (!held)
            {
                return SharedLimitLease.Refused(TimeSpan.FromSeconds(1));
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Unreachable(ex);
            return await _local.TryHoldAsync(key, limit, cancellationToken).ConfigureAwait(false);
        }

        var members = _held.GetOrAdd(set, _ => new(StringComparer.Ordinal));
        members[member] = 0;
        return SharedLimitLease.Holding(() =>
        {
            members.TryRemove(member, out _);
            _ = ReleaseAsync(set, member);
        });
    }

    /// <summary>Moves every lease this node holds on by a lifetime; run more often than the lifetime.</summary>
    internal async ValueTask RenewAsync(CancellationToken cancellationToken)
    {
        var db = await redis.Shared.DatabaseAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (set, members) in _held)
        {
            RedisValue[] args = [_lifetimeMs, .. members.Keys.Select(m => (RedisValue)m)];
            if (args.Length > 1)
            {
                await db.ScriptEvaluateAsync(Renew, [set], args).ConfigureAwait(false);
            }
            else if (members.IsEmpty)
            {
                _held.TryRemove(KeyValuePair.Create(set, members));
            }
        }
    }

    public ValueTask DisposeAsync() => _local.DisposeAsync();

    private ValueTask<IDatabase> DatabaseAsync(CancellationToken cancellationToken)
    {
        var database = redis.Shared.DatabaseAsync(cancellationToken);
        return database.IsCompletedSuccessfully ? database : new(database.AsTask().WaitAsync(Patience, time, cancellationToken));
    }

    private string Key(string kind, string key) => redis.Keys.Prefix + "limit:" + kind + key;

    private async Task ReleaseAsync(string set, string member)
    {
        try
        {
            var db = await redis.Shared.DatabaseAsync(CancellationToken.None).ConfigureAwait(false);
            await db.SortedSetRemoveAsync(set, member, CommandFlags.FireAndForget).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            // Not renewed any more, so it lapses by itself within a lifetime.
        }
    }

    /// <summary>True unless Redis failed within the last second and another call is already due to ask it.</summary>
    private bool ShouldAsk()
    {
        if (Volatile.Read(ref _unreachable) == 0)
        {
            return true;
        }

        var now = time.GetTimestamp();
        var retryAt = Volatile.Read(ref _retryAt);
        return now >= retryAt && Interlocked.CompareExchange(ref _retryAt, now + (long)(RetryAfterFailure.TotalSeconds * time.TimestampFrequency), retryAt) == retryAt;
    }

    private void Unreachable(Exception ex)
    {
        Volatile.Write(ref _retryAt, time.GetTimestamp() + (long)(RetryAfterFailure.TotalSeconds * time.TimestampFrequency));
        if (Interlocked.Exchange(ref _unreachable, 1) == 0)
        {
            Log.Unreachable(logger, ex.Message);
        }
    }

    private void Reachable()
    {
        if (Volatile.Read(ref _unreachable) == 1 && Interlocked.Exchange(ref _unreachable, 0) == 1)
        {
            Log.Back(logger);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.RedisLimiterUnreachable, Level = LogLevel.Warning, EventName = "RedisLimiterUnreachable", Message = "Redis is unreachable for rate and connection limits ({Reason}); counting them on this node until it is back.")]
        public static partial void Unreachable(ILogger logger, string reason);

        [LoggerMessage(EventId = EventIds.RedisLimiterBack, Level = LogLevel.Information, EventName = "RedisLimiterBack", Message = "Redis counts rate and connection limits for the cluster again.")]
        public static partial void Back(ILogger logger);
    }
}
