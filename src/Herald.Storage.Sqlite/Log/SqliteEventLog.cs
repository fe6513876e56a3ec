using Herald.Log;
using Microsoft.Extensions.Logging;

namespace Herald.Storage.Sqlite.Log;

/// <summary>
/// The embedded durable log (the standalone server's default): offsets, epochs, history, the
/// latest event per key and idempotency keys in <c>herald.db</c>. A publish is acknowledged
/// only after its batch's commit is on disk, and a restart keeps every stream's epoch, so
/// clients resume across it with <c>recovered: true</c>. One node only: the bus stays in-process.
/// </summary>
internal sealed partial class SqliteEventLog : IEventLog, IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly ILogger<SqliteEventLog> _logger;
    private readonly SqliteAppender _appender;

    // One writer at a time: SQLite has a single write lock anyway, and the appender's prepared
    // statements belong to one connection. The publish pipeline already serializes batches.
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public SqliteEventLog(SqliteDatabase database, TimeProvider time, ILogger<SqliteEventLog> logger)
    {
        _database = database;
        _logger = logger;
        database.EnsureSchema(SqliteLogSchema.Component, SqliteLogSchema.Ddl);
        _appender = new SqliteAppender(database, time);
        Log.Opened(logger, database.Path);
    }

    public long Commits => _appender.Commits;

    public async ValueTask<IReadOnlyList<AppendOutcome>> AppendAsync(IReadOnlyList<AppendRequest> batch, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _appender.Append(batch);
        }
        catch (Exception ex)
        {
            Log.AppendFailed(_logger, batch.Count, ex);
            throw;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async ValueTask<StreamHead> ReadHeadAsync(string channel, CancellationToken cancellationToken)
    {
        using (var connection = _database.Open())
        {
            if (SqliteStreamReader.Head(connection, channel) is { } head)
            {
                return head;
            }
        }

        // First sight of this channel: give it a stream (and an epoch) through the writer, then read.
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _appender.EnsureStream(channel);
        }
        finally
        {
            _writeLock.Release();
        }

        using var again = _database.Open();
        return SqliteStreamReader.Head(again, channel)
            ?? throw new InvalidOperationException($"The stream of '{channel}' vanished right after it was created.");
    }

    public ValueTask<IReadOnlyList<LogEntry>> ReadRangeAsync(string channel, long after, long through, int limit, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        return ValueTask.FromResult<IReadOnlyList<LogEntry>>(SqliteStreamReader.Range(connection, channel, after, through, limit));
    }

    public ValueTask<IReadOnlyList<LogEntry>> ReadLatestAsync(string channel, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        return ValueTask.FromResult<IReadOnlyList<LogEntry>>(SqliteStreamReader.Latest(connection, channel));
    }

    public ValueTask<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var connection = _database.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            command.ExecuteScalar();
            return ValueTask.FromResult(true);
        }
        catch (Exception ex)
        {
            Log.Unhealthy(_logger, ex);
            return ValueTask.FromResult(false);
        }
    }

    public void Dispose()
    {
        _appender.Dispose();
        _writeLock.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.SqliteOpened, Level = LogLevel.Information, EventName = "SqliteOpened", Message = "The event log is the SQLite database {Path}.")]
        public static partial void Opened(ILogger logger, string path);

        [LoggerMessage(EventId = EventIds.SqliteAppendFailed, Level = LogLevel.Error, EventName = "SqliteAppendFailed", Message = "Committing {Count} events to SQLite failed; none of them was acknowledged.")]
        public static partial void AppendFailed(ILogger logger, int count, Exception exception);

        [LoggerMessage(EventId = EventIds.SqliteUnhealthy, Level = LogLevel.Warning, EventName = "SqliteUnhealthy", Message = "The SQLite database did not answer its health check.")]
        public static partial void Unhealthy(ILogger logger, Exception exception);
    }
}
