using Herald.Log;
using Microsoft.Data.Sqlite;

namespace Herald.Storage.Sqlite.Log;

/// <summary>
/// The log's facts, read on a pooled connection of their own beside the writer (WAL). Each
/// statement sees one committed state; what a subscriber is given is decided in Core.
/// </summary>
internal static class SqliteStreamReader
{
    // The entry's columns, in the order Entries reads them; the epoch is the stream's.
    private const string Columns = """s.epoch, x."offset", x.event, x.key, x.data, x.ts""";

    /// <summary>Null when the channel has no stream row yet (the caller creates one and reads again).</summary>
    public static StreamHead? Head(SqliteConnection connection, string channel)
    {
        using var command = Command(connection, "SELECT epoch, last_offset FROM herald_streams WHERE channel = $c", channel);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new StreamHead(reader.GetString(0), reader.GetInt64(1)) : null;
    }

    public static List<LogEntry> Range(SqliteConnection connection, string channel, long after, long through, int limit) =>
        Entries(Command(connection, $"""
            SELECT {Columns}, x.tombstone FROM herald_events x JOIN herald_streams s ON s.channel = x.channel
            WHERE x.channel = $c AND x."offset" > $after AND x."offset" <= $through ORDER BY x."offset" LIMIT $limit
            """, channel, after, through, limit), channel);

    public static List<LogEntry> Latest(SqliteConnection connection, string channel) =>
        Entries(Command(connection, $"""
            SELECT {Columns}, 0 FROM herald_latest x JOIN herald_streams s ON s.channel = x.channel
            WHERE x.channel = $c ORDER BY x."offset"
            """, channel), channel);

    private static List<LogEntry> Entries(SqliteCommand command, string channel)
    {
        using var disposing = command;
        using var reader = command.ExecuteReader();
        var entries = new List<LogEntry>();
        while (reader.Read())
        {
            entries.Add(new LogEntry
            {
                Channel = channel,
                Epoch = reader.GetString(0),
                Offset = reader.GetInt64(1),
                Event = reader.GetString(2),
                Key = reader.IsDBNull(3) ? null : reader.GetString(3),
                Data = reader.GetFieldValue<byte[]>(4),
                Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                Tombstone = reader.GetInt64(6) != 0,
            });
        }

        return entries;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params object[] values)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        string[] names = ["$c", "$after", "$through", "$limit"];
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue(names[i], values[i]);
        }

        return command;
    }
}
