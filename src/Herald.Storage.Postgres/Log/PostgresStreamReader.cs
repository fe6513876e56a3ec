using System.Data;
using Herald.Log;
using Herald.Protocol;
using Npgsql;

namespace Herald.Storage.Postgres.Log;

/// <summary>
/// Subscribe-time reads in one REPEATABLE READ transaction, so the stream's last offset, the
/// replay and the snapshot come from the same instant while other nodes keep committing.
/// </summary>
internal static class PostgresStreamReader
{
    /// <summary>Null when the channel has no stream row yet.</summary>
    public static async ValueTask<StreamRead?> ReadAsync(
        NpgsqlConnection connection, string channel, StreamPosition? since, bool snapshot, ChannelRetention retention, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        string epoch;
        long last;
        await using (var command = new NpgsqlCommand(PostgresSql.ReadStream, connection))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = channel });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
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
                var replay = await ReadEventsAsync(connection, channel, epoch, s.Offset, last, cancellationToken).ConfigureAwait(false);

                recovered = ResumeWindow.Covers(replay, s, last, retention, now);
                events = recovered ? replay : [];
            }
        }

        IReadOnlyList<LogEntry>? items = snapshot && !recovered ? await ReadLatestAsync(connection, channel, epoch, cancellationToken).ConfigureAwait(false) : null;
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new StreamRead(epoch, last, recovered, events, items);
    }

    private static async ValueTask<List<LogEntry>> ReadEventsAsync(NpgsqlConnection connection, string channel, string epoch, long after, long last, CancellationToken cancellationToken)
    {
        var events = new List<LogEntry>();
        await using var command = new NpgsqlCommand(PostgresSql.ReadEvents, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = channel });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = last });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new LogEntry
            {
                Channel = channel,
                Epoch = epoch,
                Offset = reader.GetInt64(0),
                Event = reader.GetString(1),
                Key = reader.IsDBNull(2) ? null : reader.GetString(2),
                Data = reader.GetFieldValue<byte[]>(3),
                Timestamp = new DateTimeOffset(reader.GetFieldValue<DateTime>(4), TimeSpan.Zero),
                Tombstone = reader.GetBoolean(5),
            });
        }

        return events;
    }

    private static async ValueTask<List<LogEntry>> ReadLatestAsync(NpgsqlConnection connection, string channel, string epoch, CancellationToken cancellationToken)
    {
        var items = new List<LogEntry>();
        await using var command = new NpgsqlCommand(PostgresSql.ReadLatest, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = channel });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(new LogEntry
            {
                Channel = channel,
                Epoch = epoch,
                Offset = reader.GetInt64(0),
                Event = reader.GetString(1),
                Key = reader.GetString(2),
                Data = reader.GetFieldValue<byte[]>(3),
                Timestamp = new DateTimeOffset(reader.GetFieldValue<DateTime>(4), TimeSpan.Zero),
            });
        }

        return items;
    }
}
