using Herald.Log;
using Herald.Storage.Redis.Bus;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Herald.Storage.Redis.Log;

/// <summary>
/// The log shared by every node: per channel an epoch, offsets assigned by the append script (Redis
/// runs one script at a time, so offsets are contiguous cluster-wide and committed in order),
/// history in a Redis stream, latest state and idempotency keys. A publish is acknowledged after
/// the script returned; while an instance is unreachable every append on it throws, which the
/// publish pipeline turns into an error (503): never a false acknowledgement.
/// </summary>
internal sealed partial class RedisEventLog(
    RedisConnections connections,
    DeliveryCursors cursors,
    TimeProvider time,
    ILogger<RedisEventLog> logger) : IEventLog
{
    private readonly RedisAppender _appender = new(connections, time);

    public async ValueTask<IReadOnlyList<AppendOutcome>> AppendAsync(IReadOnlyList<AppendRequest> batch, CancellationToken cancellationToken)
    {
        try
        {
            return await _appender.AppendAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Log.AppendFailed(logger, batch.Count, ex.Message);
            if (ex is RedisConnectionException)
            {
                await ReconnectAsync(batch, cancellationToken).ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>The publish that found Redis down asks for a reconnect now, so the first ones after it is back succeed.</summary>
    private async ValueTask ReconnectAsync(IReadOnlyList<AppendRequest> batch, CancellationToken cancellationToken)
    {
        foreach (var shard in batch.Select(r => connections.For(r.Channel)).Distinct())
        {
            try
            {
                shard.Reconnect(await shard.ConnectAsync(cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // Not even connecting: the next caller tries again.
            }
        }
    }

    public async ValueTask<StreamHead> ReadHeadAsync(string channel, CancellationToken cancellationToken)
    {
        var head = await RedisStreamReader.HeadAsync(connections, channel, cancellationToken).ConfigureAwait(false);

        // This node's bus delivers the channel from here: what a reader was told is behind it, the rest comes live.
        cursors.Seed(channel, head.LastOffset);
        return head;
    }

    public async ValueTask<IReadOnlyList<LogEntry>> ReadRangeAsync(string channel, long after, long through, int limit, CancellationToken cancellationToken)
    {
        if (after >= through || limit <= 0)
        {
            return [];
        }

        return await RedisStreamReader.RangesAsync(connections, connections.For(channel), [(channel, after, through, limit)], cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<IReadOnlyList<LogEntry>> ReadLatestAsync(string channel, CancellationToken cancellationToken) =>
        RedisStreamReader.LatestAsync(connections, channel, cancellationToken);

    /// <summary>
    /// Every instance answers a PING within <see cref="RedisOptions.ProbeTimeout"/>. One that stays
    /// silent has its connections replaced, so readiness turns back as soon as the server does.
    /// </summary>
    public async ValueTask<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        var answers = await Task.WhenAll(connections.Shards.Select(shard => PingAsync(shard, cancellationToken))).ConfigureAwait(false);
        return Array.TrueForAll(answers, answered => answered);
    }

    private async Task<bool> PingAsync(RedisShard shard, CancellationToken cancellationToken)
    {
        IConnectionMultiplexer? multiplexer = null;
        try
        {
            multiplexer = await shard.ConnectAsync(cancellationToken).ConfigureAwait(false);
            await multiplexer.GetDatabase().PingAsync().WaitAsync(connections.Options.ProbeTimeout, time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException) when (multiplexer is not null)
        {
            shard.Replace(multiplexer);
            return false;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.RedisAppendFailed, Level = LogLevel.Error, EventName = "RedisAppendFailed", Message = "Committing {Count} events to Redis failed; none of them was acknowledged: {Reason}")]
        public static partial void AppendFailed(ILogger logger, int count, string reason);
    }
}
