using Herald.Log;
using Npgsql;

namespace Herald.Storage.Postgres.Log;

/// <summary>
/// Entries from rows of (channel, epoch, offset, event, key, data, ts, tombstone): the shape of
/// every statement that reads events back, for resumes, history and the bus alike.
/// </summary>
internal static class PostgresRows
{
    public static async ValueTask<List<LogEntry>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<LogEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new LogEntry
            {
                Channel = reader.GetString(0),
                Epoch = reader.GetString(1),
                Offset = reader.GetInt64(2),
                Event = reader.GetString(3),
                Key = reader.IsDBNull(4) ? null : reader.GetString(4),
                Data = reader.GetFieldValue<byte[]>(5),
                Timestamp = new DateTimeOffset(reader.GetFieldValue<DateTime>(6), TimeSpan.Zero),
                Tombstone = reader.GetBoolean(7),
            });
        }

        return entries;
    }
}
