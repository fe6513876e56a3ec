using Herald.Log;
using Herald.Protocol;
using Microsoft.Data.Sqlite;

namespace Herald.Storage.Sqlite.Log;

/// <summary>
/// Subscribe-time reads on a pooled connection of their own. WAL gives each read transaction a
/// snapshot, so the stream row, the replay and the snapshot agree with each other while the
/// writer keeps committing.
/// </summary>
internal static class SqliteStreamReader
{
    /// <summary>Null when the channel has no stream row yet (the caller creates one and reads again).</summary>
    public static StreamRead? Read(SqliteConnection connection, string channel, StreamPosition? since, bool snapshot, ChannelRetention retention, DateTimeOffset now)
    {
        using var transaction = connection.BeginTransaction(deferred: true);
        string epoch;
        long last;
        using (var command = Command(connection, transaction, "SELECT epoch, last_offset FROM herald_streams WHERE channel = $c", channel))
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }

            epoch = reader.GetString(0);
            last = reader.GetInt64(1);
        }

        IReadOnlyList<LogEntry> events = [];
        var recovered = false;
        if (since is { } s && ResumeWindow.InCountWindow(s, epoch, last, retention))
        {
            if (s.Offset == last)
            {
                recovered = true;
            }
            else
            {
                var replay = ReadEvents(connection, transaction, channel, epoch, s.Offset);

                recovered = ResumeWindow.Covers(replay, s, last, retention, now);
                events = recovered ? replay : [];
            }
        }

        IReadOnlyList<LogEntry>? items = snapshot && !recovered ? ReadLatest(connection, transaction, channel, epoch) : null;
        transaction.Commit();
        return new StreamRead(epoch, last, recovered, events, items);
    }

    private static List<LogEntry> ReadEvents(SqliteConnection connection, SqliteTransaction transaction, string channel, string epoch, long after)
    {
        var events = new List<LogEntry>();
        using var command = Command(connection, transaction, """
            SELECT "offset", event, key, data, ts, tombstone FROM herald_events WHERE channel = $c AND "offset" > $o ORDER BY "offset"
            """, channel, after);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            events.Add(new LogEntry
            {
                Channel = channel,
                Epoch = epoch,
                Offset = reader.GetInt64(0),
                Event = reader.GetString(1),
                Key = reader.IsDBNull(2) ? null : reader.GetString(2),
                Data = reader.GetFieldValue<byte[]>(3),
                Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
                Tombstone = reader.GetInt64(5) != 0,
            });
        }

        return events;
    }

    private static List<LogEntry> ReadLatest(SqliteConnection connection, SqliteTransaction transaction, string channel, string epoch)
    {
        var items = new List<LogEntry>();
        using var command = Command(connection, transaction, """
            SELECT "offset", event, key, data, ts FROM herald_latest WHERE channel = $c ORDER BY "offset"
            """, channel);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            items.Add(new LogEntry
            {
                Channel = channel,
                Epoch = epoch,
                Offset = reader.GetInt64(0),
                Event = reader.GetString(1),
                Key = reader.GetString(2),
                Data = reader.GetFieldValue<byte[]>(3),
                Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
            });
        }

        return items;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params object[] values)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        string[] names = ["$c", "$o"];
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue(names[i], values[i]);
        }

        return command;
    }
}
