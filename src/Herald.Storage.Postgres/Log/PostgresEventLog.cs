using Herald.Log;
using Herald.Protocol;
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
    Func<string, ChannelRetention> retention,
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

    public async ValueTask<StreamRead> ReadAsync(string channel, StreamPosition? since, bool snapshot, CancellationToken cancellationToken)
    {
        try
        {
            await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            var policy = retention(channel);
            await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var read = await PostgresStreamReader.ReadAsync(connection, channel, since, snapshot, policy, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            if (read is null)
            {
                // First sight of this channel anywhere: give it a stream (and an epoch), then read.
                await using (var create = new NpgsqlCommand(PostgresSql.CreateStream, connection))
                {
                    create.Parameters.Add(new NpgsqlParameter<string> { TypedValue = channel });
                    create.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Epochs.New() });
                    create.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (long)policy.HistoryAge.TotalMilliseconds });
                    await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                read = await PostgresStreamReader.ReadAsync(connection, channel, since, snapshot, policy, time.GetUtcNow(), cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"The stream of '{channel}' vanished right after it was created.");
            }

            cursors.Seed(channel, read.Offset);
            return read;
        }
        catch (NpgsqlException ex)
        {
            ResetPoolIfBroken(database, ex);
            throw;
        }
    }

    /// <summary>Answers within <see cref="PostgresOptions.ProbeTimeout"/> whatever the network does.</summary>
    public ValueTask<bool> IsHealthyAsync(CancellationToken cancellationToken) => _probe.IsHealthyAsync(cancellationToken);

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
