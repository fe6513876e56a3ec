using System.Runtime.InteropServices;
using Herald.Log;
using Herald.Storage.Postgres.Bus;
using Npgsql;

namespace Herald.Storage.Postgres.Log;

/// <summary>
/// One group, one transaction, one round trip: reserve each channel's offsets, write events,
/// latest state, trims and the notifications, commit, all in one <see cref="NpgsqlBatch"/>. The
/// statements after the reservation take each event's offset from its channel's locked stream row
/// (<c>last_offset - back</c>), so nothing has to come back before the rest is sent. A group with
/// idempotency keys claims them first (<see cref="IdempotencyClaim"/>): two round trips. NOTIFY is
/// transactional, so other nodes hear of the events only once they are committed, in commit order,
/// and the notification carries the events themselves when they fit.
/// </summary>
internal sealed class PostgresAppender(PostgresDatabase database, TimeProvider time)
{
    public async ValueTask<IReadOnlyList<AppendOutcome>> AppendAsync(IReadOnlyList<AppendRequest> batch, CancellationToken cancellationToken)
    {
        // Milliseconds, as on the wire, so an entry read back equals the one committed.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        var outcomes = new AppendOutcome[batch.Count];
        var resolved = new bool[batch.Count];
        var keyed = IdempotencyClaim.Needed(batch);
        var firstOfKey = keyed
            ? await IdempotencyClaim.ResolveAsync(connection, batch, outcomes, resolved, now, cancellationToken).ConfigureAwait(false)
            : [];

        var plan = AppendPlan.Of(batch, resolved);
        await using var sql = new NpgsqlBatch(connection);
        if (!keyed)
        {
            sql.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
        }

        if (plan.Channels.Count > 0)
        {
            AddWrites(sql, plan, batch, now);
        }

        sql.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        var streams = await ExecuteAsync(sql, cancellationToken).ConfigureAwait(false);

        // Committed (COMMIT answered): only now are positions handed out.
        for (var i = 0; i < batch.Count; i++)
        {
            if (!resolved[i])
            {
                var r = batch[i];
                var (epoch, last) = streams[r.Channel];
                var entry = new LogEntry
                {
                    Channel = r.Channel,
                    Epoch = epoch,
                    Offset = last - plan.Back[i],
                    Event = r.Event,
                    Key = r.Key,
                    Data = r.Data,
                    Timestamp = now,
                    Tombstone = r.Tombstone,
                };
                outcomes[i] = new AppendOutcome(entry.Channel, entry.Epoch, entry.Offset, entry);
            }
        }

        // A key repeated within the batch answers with the first one's position.
        foreach (var (index, first) in firstOfKey)
        {
            if (index != first)
            {
                outcomes[index] = outcomes[first] with { Committed = null };
            }
        }

        return outcomes;
    }

    /// <summary>Runs the batch to its end (an error anywhere, the COMMIT's included, throws); returns each channel's epoch and new last offset.</summary>
    private static async ValueTask<Dictionary<string, (string Epoch, long Last)>> ExecuteAsync(NpgsqlBatch sql, CancellationToken cancellationToken)
    {
        var streams = new Dictionary<string, (string, long)>(StringComparer.Ordinal);
        await using var reader = await sql.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var reserved = false;
        do
        {
            // The reservation is the only statement answering (channel, epoch, last_offset).
            if (!reserved && reader.FieldCount == 3)
            {
                reserved = true;
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    streams[reader.GetString(0)] = (reader.GetString(1), reader.GetInt64(2));
                }
            }
        }
        while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));

        return streams;
    }

    private void AddWrites(NpgsqlBatch sql, AppendPlan plan, IReadOnlyList<AppendRequest> batch, DateTimeOffset now)
    {
        var channels = plan.Channels;
        var names = channels.Keys.ToArray();
        var ts = now.UtcDateTime;
        sql.BatchCommands.Add(Command(PostgresSql.ReserveOffsets,
            names,
            names.Select(_ => Epochs.New()).ToArray(),
            names.Select(c => (long)channels[c].Events.Count).ToArray(),
            names.Select(c => (long)channels[c].Retention.HistoryAge.TotalMilliseconds).ToArray()));

        var fresh = plan.Fresh;
        sql.BatchCommands.Add(Command(PostgresSql.InsertEvents,
            fresh.Select(i => batch[i].Channel).ToArray(),
            fresh.Select(i => plan.Back[i]).ToArray(),
            fresh.Select(i => batch[i].Event).ToArray(),
            fresh.Select(i => batch[i].Key).ToArray(),
            fresh.Select(i => Bytes(batch[i].Data)).ToArray(),
            fresh.Select(_ => ts).ToArray(),
            fresh.Select(i => batch[i].Tombstone).ToArray()));

        // The last event of each key in the batch decides; a tombstone removes the key.
        var latest = new Dictionary<(string, string), int>();
        foreach (var i in fresh.Where(i => batch[i].Key is not null))
        {
            latest[(batch[i].Channel, batch[i].Key!)] = i;
        }

        var upserts = latest.Values.Where(i => !batch[i].Tombstone).ToList();
        var deletes = latest.Values.Where(i => batch[i].Tombstone).ToList();
        if (upserts.Count > 0)
        {
            sql.BatchCommands.Add(Command(PostgresSql.UpsertLatest,
                upserts.Select(i => batch[i].Channel).ToArray(),
                upserts.Select(i => batch[i].Key!).ToArray(),
                upserts.Select(i => plan.Back[i]).ToArray(),
                upserts.Select(i => batch[i].Event).ToArray(),
                upserts.Select(i => Bytes(batch[i].Data)).ToArray(),
                upserts.Select(_ => ts).ToArray()));
        }

        if (deletes.Count > 0)
        {
            sql.BatchCommands.Add(Command(PostgresSql.DeleteLatest, deletes.Select(i => batch[i].Channel).ToArray(), deletes.Select(i => batch[i].Key!).ToArray()));
        }

        var keyed = latest.Keys.Select(k => k.Item1).Distinct(StringComparer.Ordinal).ToArray();
        if (keyed.Length > 0)
        {
            sql.BatchCommands.Add(Command(PostgresSql.EvictLatest, keyed, keyed.Select(c => channels[c].Retention.MaxKeys).ToArray()));
        }

        // Physical trimming keeps ReadBackSlack extra events, so a node still reading back an
        // announced range finds it; resume honours HistorySize exactly regardless.
        var slack = (long)database.Options.ReadBackSlack;
        sql.BatchCommands.Add(Command(PostgresSql.TrimEvents, names, names.Select(c => channels[c].Retention.HistorySize + slack).ToArray()));

        var remembered = fresh.Where(i => batch[i].IdempotencyKey is not null).ToList();
        if (remembered.Count > 0)
        {
            sql.BatchCommands.Add(Command(PostgresSql.FillIdempotency,
                remembered.Select(i => batch[i].IdempotencyKey!).ToArray(),
                remembered.Select(i => batch[i].Channel).ToArray(),
                remembered.Select(i => plan.Back[i]).ToArray()));
        }

        var announcement = new AnnouncementWriter();
        var unixMs = now.ToUnixTimeMilliseconds();
        foreach (var (channel, group) in channels)
        {
            announcement.Add(channel, group.Events.Select(i => batch[i]).ToList(), unixMs);
        }

        sql.BatchCommands.Add(Command(PostgresSql.Notify, announcement.Notes, announcement.Channels, announcement.Backs, announcement.Bodies));
    }

    private static NpgsqlBatchCommand Command(string text, params object[] values)
    {
        var command = new NpgsqlBatchCommand(text);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static byte[] Bytes(ReadOnlyMemory<byte> data) =>
        MemoryMarshal.TryGetArray(data, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : data.ToArray();
}
