using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Herald.Storage.Postgres;

/// <summary>
/// The shared database: a pooled data source for commands, a separate unpooled one for the
/// long-lived LISTEN connection, and the schema migrations, applied once per process.
/// </summary>
public sealed partial class PostgresDatabase : IAsyncDisposable
{
    private readonly ILogger<PostgresDatabase> _logger;
    private readonly SemaphoreSlim _migrationLock = new(1, 1);
    private volatile bool _migrated;

    public PostgresDatabase(IOptions<PostgresOptions> options, ILogger<PostgresDatabase> logger)
    {
        _logger = logger;
        Options = options.Value;
        if (string.IsNullOrWhiteSpace(Options.ConnectionString))
        {
            throw new InvalidOperationException("Herald:Store is postgres but Herald:Postgres:ConnectionString is empty.");
        }

        DataSource = NpgsqlDataSource.Create(Options.ConnectionString);

        // LISTEN state lives on the session, so that connection must never go back to a pool.
        // The bus probes it itself, with a deadline of its own (ListenProbeInterval, ProbeTimeout),
        // so a server that went silent without a reset is noticed within seconds.
        var listen = new NpgsqlConnectionStringBuilder(Options.ConnectionString) { Pooling = false };
        ListenDataSource = NpgsqlDataSource.Create(listen.ConnectionString);
    }

    public PostgresOptions Options { get; }

    public NpgsqlDataSource DataSource { get; }

    internal NpgsqlDataSource ListenDataSource { get; }

    /// <summary>Applies the migrations not yet recorded; safe to call from every node at once.</summary>
    public async ValueTask MigrateAsync(CancellationToken cancellationToken)
    {
        if (_migrated)
        {
            return;
        }

        await _migrationLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_migrated)
            {
                return;
            }

            await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await Execute(connection, "SELECT pg_advisory_xact_lock(7460436174127915301)", cancellationToken).ConfigureAwait(false);
            await Execute(connection, "CREATE TABLE IF NOT EXISTS herald_schema (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())", cancellationToken).ConfigureAwait(false);
            await using var current = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM herald_schema", connection);
            var version = (int)(await current.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            for (var i = version; i < PostgresSchema.Migrations.Count; i++)
            {
                await Execute(connection, PostgresSchema.Migrations[i], cancellationToken).ConfigureAwait(false);
                await Execute(connection, $"INSERT INTO herald_schema (version) VALUES ({i + 1})", cancellationToken).ConfigureAwait(false);
                Log.Migrated(_logger, i + 1);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _migrated = true;
        }
        finally
        {
            _migrationLock.Release();
        }
    }

    /// <summary>
    /// Drops idle pooled connections. After the server restarted every one of them is dead, and
    /// each would otherwise fail one publish before the pool noticed.
    /// </summary>
    internal void ResetPool() => DataSource.Clear();

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync().ConfigureAwait(false);
        await ListenDataSource.DisposeAsync().ConfigureAwait(false);
        _migrationLock.Dispose();
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.PostgresMigrated, Level = LogLevel.Information, EventName = "PostgresMigrated", Message = "Applied PostgreSQL schema migration {Version}.")]
        public static partial void Migrated(ILogger logger, int version);
    }
}
