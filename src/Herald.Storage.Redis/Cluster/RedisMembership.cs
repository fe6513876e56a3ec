using Herald.Cluster;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Herald.Storage.Redis.Cluster;

/// <summary>
/// Each node's hash (state, stats) and its heartbeat in a sorted set scored by Redis's own clock,
/// so node clocks do not matter: written every <see cref="RedisOptions.HeartbeatInterval"/>,
/// marked stopped on a graceful stop. A node silent for <see cref="RedisOptions.NodeTimeout"/> is
/// gone. Also the cluster view behind <c>/api/stats</c>.
/// </summary>
internal sealed partial class RedisMembership(
    RedisConnections redis,
    string nodeId,
    Func<string> stats,
    TimeProvider time,
    ILogger<RedisMembership> logger) : BackgroundService, IClusterView
{
    // KEYS: beats, this node's hash. ARGV: node id, state, stats, expiry of long-gone entries (ms).
    private const string Beat = """
        local t = redis.call('TIME')
        local now = t[1] * 1000 + math.floor(t[2] / 1000)
        redis.call('HSET', KEYS[2], 'state', ARGV[2], 'stats', ARGV[3])
        redis.call('PEXPIRE', KEYS[2], ARGV[4])
        redis.call('ZADD', KEYS[1], now, ARGV[1])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - ARGV[4])
        return now
        """;

    // KEYS: beats. ARGV: this node, timeout (ms), node key prefix. Returns id, last beat, state, stats per live peer.
    private const string Live = """
        local t = redis.call('TIME')
        local now = t[1] * 1000 + math.floor(t[2] / 1000)
        local ids = redis.call('ZRANGEBYSCORE', KEYS[1], now - ARGV[2], '+inf', 'WITHSCORES')
        local out = {}
        for i = 1, #ids, 2 do
          if ids[i] ~= ARGV[1] then
            local node = redis.call('HMGET', ARGV[3] .. ids[i], 'state', 'stats')
            if node[1] and node[1] ~= 'stopped' then
              table.insert(out, ids[i]); table.insert(out, ids[i + 1]); table.insert(out, node[1]); table.insert(out, node[2] or '')
            end
          end
        end
        return out
        """;

    private readonly TimeSpan _forget = redis.Options.NodeTimeout * 10;
    private HashSet<string> _known = new(StringComparer.Ordinal);

    public async ValueTask<IReadOnlyList<ClusterPeer>> PeersAsync(CancellationToken cancellationToken)
    {
        var db = await redis.Shared.DatabaseAsync(cancellationToken).ConfigureAwait(false);
        var rows = (RedisResult[])(await db.ScriptEvaluateAsync(
            Live,
            [Beats],
            [nodeId, (long)redis.Options.NodeTimeout.TotalMilliseconds, redis.Keys.Prefix + "node:"]).ConfigureAwait(false))!;
        var peers = new List<ClusterPeer>(rows.Length / 4);
        for (var i = 0; i + 3 < rows.Length; i += 4)
        {
            var statsJson = (string?)rows[i + 3];
            peers.Add(new ClusterPeer(
                (string)rows[i]!,
                (string)rows[i + 2]!,
                DateTimeOffset.FromUnixTimeMilliseconds((long)(double)rows[i + 1]),
                string.IsNullOrEmpty(statsJson) ? null : statsJson));
        }

        peers.Sort((a, b) => string.CompareOrdinal(a.NodeId, b.NodeId));
        return peers;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Leaving on purpose: peers drop this node at once instead of after the timeout.
            await BeatAsync("stopped", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or OperationCanceledException or ObjectDisposedException)
        {
            Log.HeartbeatFailed(logger, ex.Message);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failing = false;
        using var timer = new PeriodicTimer(redis.Options.HeartbeatInterval, time);
        do
        {
            try
            {
                await BeatAsync("ready", stoppingToken).ConfigureAwait(false);
                Notice(await PeersAsync(stoppingToken).ConfigureAwait(false));
                failing = false;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                if (!failing)
                {
                    Log.HeartbeatFailed(logger, ex.Message);
                }

                failing = true;
            }
        }
        while (await Tick(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async ValueTask<bool> Tick(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private RedisKey Beats => redis.Keys.Shared("nodes");

    private async ValueTask BeatAsync(string state, CancellationToken cancellationToken)
    {
        var db = await redis.Shared.DatabaseAsync(cancellationToken).ConfigureAwait(false);
        await db.ScriptEvaluateAsync(Beat, [Beats, redis.Keys.Shared("node:" + nodeId)], [nodeId, state, stats(), (long)_forget.TotalMilliseconds]).ConfigureAwait(false);
    }

    private void Notice(IReadOnlyList<ClusterPeer> peers)
    {
        var live = new HashSet<string>(peers.Select(p => p.NodeId), StringComparer.Ordinal);
        foreach (var id in live.Where(id => !_known.Contains(id)))
        {
            Log.PeerJoined(logger, id);
        }

        foreach (var id in _known.Where(id => !live.Contains(id)))
        {
            Log.PeerGone(logger, id);
        }

        _known = live;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.RedisPeerJoined, Level = LogLevel.Information, EventName = "RedisPeerJoined", Message = "Node {Node} joined the cluster.")]
        public static partial void PeerJoined(ILogger logger, string node);

        [LoggerMessage(EventId = EventIds.RedisPeerGone, Level = LogLevel.Warning, EventName = "RedisPeerGone", Message = "Node {Node} stopped heartbeating and is declared gone.")]
        public static partial void PeerGone(ILogger logger, string node);

        [LoggerMessage(EventId = EventIds.RedisHeartbeatFailed, Level = LogLevel.Warning, EventName = "RedisHeartbeatFailed", Message = "This node's heartbeat to Redis failed ({Reason}); retrying.")]
        public static partial void HeartbeatFailed(ILogger logger, string reason);
    }
}
