using Herald.Log;
using Npgsql;

namespace Herald.Storage.Postgres.Log;

/// <summary>
/// The log's facts, one statement each, so each sees one committed state while other nodes keep
/// committing; what a subscriber is given is decided in Core.
/// </summary>
internal static class PostgresStreamReader
{
    /// <summary>Null when the channel has no stream row yet.</summary>
    public static async ValueTask<StreamHead?> HeadAsync(NpgsqlConnection connection, string channel, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(PostgresSql.ReadStream, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = channel });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? new StreamHead(reader.GetString(0), reader.GetInt64(1)) : null;
    }

    public static async ValueTask<IReadOnlyList<LogEntry>> RangeAsync(NpgsqlConnection connection, string channel, long after, long through, int limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(PostgresSql.ReadRange, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = channel });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = through });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return await PostgresRows.ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public static async ValueTask<IReadOnlyList<LogEntry>> LatestAsync(NpgsqlConnection connection, string channel, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(PostgresSql.ReadLatest, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = channel });
        return await PostgresRows.ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }
}
