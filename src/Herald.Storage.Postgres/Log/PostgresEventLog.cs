using Herald.Log;
using Herald.Storage.Postgres.Bus;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Herald.Storage.Postgres.Log;

/// <summary>
/// The log shared by every node: per-channel offsets assigned inside the append transaction
/// (the channel's row stays locked until commit, so offsets commit in order cluster-wide),
/// epochs that persist with the stream, history, latest state and idempotency keys. A publish
/// is acknowledged after the commit; while the database is unreachable every append throws,
/// which the publish pipeline turns into an error (503): never a false acknowledgement.
/// </summary>
internal sealed partial class PostgresEventLog(
    PostgresDatabase database,
    ChannelCursors cursors,
    TimeProvider time,
    ILogger<PostgresEventLog> logger) : IEventLog
{
    private readonly PostgresAppender _appender = new(database, time);
    private readonly StoreProbe _probe = new(database, time, ex => ResetPoolIfBroken(database, ex));

    public async ValueTask<IReadOnlyList<AppendOutcome>> AppendAsync(IReadOnlyList<AppendRequest> batch, CancellationToken cancellationToken)
    {
        try
        {
            await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            return await _appender.AppendAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            Log.AppendFailed(logger, batch.Count, ex.Message);
            ResetPoolIfBroken(database, ex);
            throw;
        }
    }

    public ValueTask<StreamHead> ReadHeadAsync(string channel, CancellationToken cancellationToken) =>
        ReadAsync(async connection =>
        {
            var head = await PostgresStreamReader.HeadAsync(connection, channel, cancellationToken).ConfigureAwait(false);
            if (head is null)
            {
                // First sight of this channel anywhere: give it a stream (and an epoch), then read.
                await using (var create = new NpgsqlCommand(PostgresSql.CreateStream, connection))
                {
                    create.Parameters.Add(new NpgsqlParameter<string> { TypedValue = channel });
                    create.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Epochs.New() });
                    await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                head = await PostgresStreamReader.HeadAsync(connection, channel, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"The stream of '{channel}' vanished right after it was created.");
            }

            // This node's bus delivers the channel from here: what a reader was told is behind it, the rest comes live.
            cursors.Seed(channel, head.Value.LastOffset);
            return head.Value;
        }, cancellationToken);

    public ValueTask<IReadOnlyList<LogEntry>> ReadRangeAsync(string channel, long after, long through, int limit, CancellationToken cancellationToken) =>
        ReadAsync(connection => PostgresStreamReader.RangeAsync(connection, channel, after, through, limit, cancellationToken), cancellationToken);

    public ValueTask<IReadOnlyList<LogEntry>> ReadLatestAsync(string channel, CancellationToken cancellationToken) =>
        ReadAsync(connection => PostgresStreamReader.LatestAsync(connection, channel, cancellationToken), cancellationToken);

    /// <summary>Answers within <see cref="PostgresOptions.ProbeTimeout"/> whatever the network does.</summary>
    public ValueTask<bool> IsHealthyAsync(CancellationToken cancellationToken) => _probe.IsHealthyAsync(cancellationToken);

    private async ValueTask<T> ReadAsync<T>(Func<NpgsqlConnection, ValueTask<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return await read(connection).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            ResetPoolIfBroken(database, ex);
            throw;
        }
    }

    private static void ResetPoolIfBroken(PostgresDatabase database, Exception ex)
    {
        // A broken connection means the server went away: every idle pooled connection is dead too.
        if (ex is NpgsqlException { IsTransient: true } or NpgsqlException { InnerException: IOException or System.Net.Sockets.SocketException })
        {
            database.ResetPool();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.PostgresAppendFailed, Level = LogLevel.Error, EventName = "PostgresAppendFailed", Message = "Committing {Count} events to PostgreSQL failed; none of them was acknowledged: {Reason}")]
        public static partial void AppendFailed(ILogger logger, int count, string reason);
    }
}
