using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Herald.Storage.Postgres;

/// <summary>
/// Garbage collection of the shared tables, by one node at a time (a try-advisory lock): events
/// past their channel's HistoryAge (plus a grace for read-back), expired idempotency keys, and
/// nodes gone for a day. Resume correctness never depends on it: Core applies retention to what is read back.
/// </summary>
internal sealed partial class PostgresMaintenance(PostgresDatabase database, TimeProvider time, ILogger<PostgresMaintenance> logger) : BackgroundService
{
    private static readonly string[] Statements =
    [
        "DELETE FROM herald_idempotency WHERE expires_at <= $1",
        """
        DELETE FROM herald_events e USING herald_streams s
        WHERE e.channel = s.channel AND e.ts < $1 - make_interval(secs => s.history_age_ms / 1000.0) - interval '5 minutes'
        """,
        "DELETE FROM herald_nodes WHERE heartbeat_at < $1 - interval '1 day'",
        "DELETE FROM herald_used_tickets WHERE expires_at <= $1",
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(database.Options.SweepInterval, time, stoppingToken).ConfigureAwait(false);
                await SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                Log.SweepFailed(logger, ex.Message);
            }
        }
    }

    private async ValueTask SweepAsync(CancellationToken cancellationToken)
    {
        await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var claim = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(7460436174127915302)", connection))
        {
            if (await claim.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
            {
                return;
            }
        }

        var now = time.GetUtcNow().UtcDateTime;
        foreach (var sql in Statements)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = now });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.PostgresSweepFailed, Level = LogLevel.Warning, EventName = "PostgresSweepFailed", Message = "Sweeping expired rows in PostgreSQL failed ({Reason}); the next sweep retries.")]
        public static partial void SweepFailed(ILogger logger, string reason);
    }
}
