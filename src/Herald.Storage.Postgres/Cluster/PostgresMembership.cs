using Herald.Cluster;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Herald.Storage.Postgres.Cluster;

/// <summary>
/// Each node's row in <c>herald_nodes</c>: registered at start, heartbeated with its stats every
/// <see cref="PostgresOptions.HeartbeatInterval"/>, marked stopped on a graceful stop. A node
/// whose heartbeat is older than <see cref="PostgresOptions.NodeTimeout"/> (by the database's
/// clock, so node clocks do not matter) is gone. Also the cluster view behind <c>/api/stats</c>.
/// </summary>
internal sealed partial class PostgresMembership(
    PostgresDatabase database,
    string nodeId,
    Func<string> stats,
    TimeProvider time,
    ILogger<PostgresMembership> logger) : BackgroundService, IClusterView
{
    private const string Heartbeat = """
        INSERT INTO herald_nodes (node_id, started_at, heartbeat_at, state, stats) VALUES ($1, $2, now(), $3, $4)
        ON CONFLICT (node_id) DO UPDATE SET started_at = EXCLUDED.started_at, heartbeat_at = now(), state = EXCLUDED.state, stats = EXCLUDED.stats
        """;

    private const string Live = """
        SELECT node_id, state, heartbeat_at, stats FROM herald_nodes
        WHERE node_id <> $1 AND state <> 'stopped' AND heartbeat_at > now() - $2
        ORDER BY node_id
        """;

    private readonly DateTimeOffset _started = time.GetUtcNow();
    private HashSet<string> _known = new(StringComparer.Ordinal);

    public async ValueTask<IReadOnlyList<ClusterPeer>> PeersAsync(CancellationToken cancellationToken)
    {
        var peers = new List<ClusterPeer>();
        await using var command = database.DataSource.CreateCommand(Live);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = nodeId });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = database.Options.NodeTimeout });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            peers.Add(new ClusterPeer(
                reader.GetString(0),
                reader.GetString(1),
                new DateTimeOffset(reader.GetFieldValue<DateTime>(2), TimeSpan.Zero),
                reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

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
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or InvalidOperationException)
        {
            Log.HeartbeatFailed(logger, ex.Message);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await database.MigrateAsync(stoppingToken).ConfigureAwait(false);
                await BeatAsync("ready", stoppingToken).ConfigureAwait(false);
                Compare(await PeersAsync(stoppingToken).ConfigureAwait(false));
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

            try
            {
                await Task.Delay(database.Options.HeartbeatInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async ValueTask BeatAsync(string state, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(Heartbeat);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = nodeId });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = _started.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = state });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stats() });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private void Compare(IReadOnlyList<ClusterPeer> peers)
    {
        var now = peers.Select(p => p.NodeId).ToHashSet(StringComparer.Ordinal);
        foreach (var joined in now.Except(_known))
        {
            Log.PeerJoined(logger, joined);
        }

        foreach (var left in _known.Except(now))
        {
            Log.PeerGone(logger, left);
        }

        _known = now;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.PeerJoined, Level = LogLevel.Information, EventName = "PeerJoined", Message = "Node {Node} joined the cluster.")]
        public static partial void PeerJoined(ILogger logger, string node);

        [LoggerMessage(EventId = EventIds.PeerGone, Level = LogLevel.Warning, EventName = "PeerGone", Message = "Node {Node} stopped heartbeating and is declared gone.")]
        public static partial void PeerGone(ILogger logger, string node);

        [LoggerMessage(EventId = EventIds.HeartbeatFailed, Level = LogLevel.Warning, EventName = "HeartbeatFailed", Message = "This node's heartbeat to PostgreSQL failed ({Reason}); retrying.")]
        public static partial void HeartbeatFailed(ILogger logger, string reason);
    }
}
