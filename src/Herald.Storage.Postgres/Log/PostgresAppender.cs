using System.Runtime.InteropServices;
using Herald.Log;
using Herald.Storage.Postgres.Bus;
using Npgsql;

namespace Herald.Storage.Postgres.Log;

/// <summary>
/// One batch, one transaction: claim idempotency keys, reserve each channel's offsets, write
/// events, latest state, trims and the notifications, commit. NOTIFY is transactional, so
/// other nodes hear of the events only once they are committed, and in commit order.
/// </summary>
internal sealed class PostgresAppender(PostgresDatabase database, TimeProvider time)
{
    private static readonly TimeSpan IdempotencyWindow = TimeSpan.FromHours(24);

    public async ValueTask<IReadOnlyList<AppendOutcome>> AppendAsync(IReadOnlyList<AppendRequest> batch, CancellationToken cancellationToken)
    {
        // Milliseconds, as on the wire, so an entry read back equals the one committed.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        var outcomes = new AppendOutcome[batch.Count];
        var resolved = new bool[batch.Count];
        var firstOfKey = await ResolveIdempotencyAsync(connection, batch, outcomes, resolved, now, cancellationToken).ConfigureAwait(false);

        var counts = new SortedDictionary<string, (long Count, ChannelRetention Retention)>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            if (!resolved[i])
            {
                var r = batch[i];
                counts[r.Channel] = (counts.TryGetValue(r.Channel, out var c) ? c.Count + 1 : 1, r.Retention);
            }
        }

        var entries = new List<LogEntry>(batch.Count);
        if (counts.Count > 0)
        {
            var next = await ReserveAsync(connection, counts, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                if (resolved[i])
                {
                    continue;
                }

                var r = batch[i];
                var (epoch, offset) = next[r.Channel];
                next[r.Channel] = (epoch, offset + 1);
                var entry = new LogEntry
                {
                    Channel = r.Channel,
                    Epoch = epoch,
                    Offset = offset,
                    Event = r.Event,
                    Key = r.Key,
                    Data = r.Data,
                    Timestamp = now,
                    Tombstone = r.Tombstone,
                };
                entries.Add(entry);
                outcomes[i] = new AppendOutcome(entry.Channel, entry.Epoch, entry.Offset, entry);
            }

            await WriteAsync(connection, batch, outcomes, resolved, entries, counts, next, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

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

    /// <summary>Marks requests answered by an earlier publish; returns (index, first index with that key) pairs.</summary>
    private static async ValueTask<List<(int Index, int First)>> ResolveIdempotencyAsync(
        NpgsqlConnection connection, IReadOnlyList<AppendRequest> batch, AppendOutcome[] outcomes, bool[] resolved, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pairs = new List<(int Index, int First)>();
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].IdempotencyKey is { } key)
            {
                if (!first.TryAdd(key, i))
                {
                    resolved[i] = true;
                }

                pairs.Add((i, first[key]));
            }
        }

        if (first.Count == 0)
        {
            return pairs;
        }

        var keys = first.Keys.Order(StringComparer.Ordinal).ToArray();
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        await using (var claim = new NpgsqlCommand(PostgresSql.ClaimIdempotency, connection))
        {
            claim.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = keys });
            claim.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = (now + IdempotencyWindow).UtcDateTime });
            claim.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = now.UtcDateTime });
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                claimed.Add(reader.GetString(0));
            }
        }

        var taken = keys.Where(k => !claimed.Contains(k)).ToArray();
        if (taken.Length == 0)
        {
            return pairs;
        }

        await using var find = new NpgsqlCommand(PostgresSql.FindIdempotency, connection);
        find.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = taken });
        await using var found = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await found.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (found.IsDBNull(1))
            {
                throw new InvalidOperationException("An idempotency key is held by a publish that has not committed; try again.");
            }

            var index = first[found.GetString(0)];
            outcomes[index] = new AppendOutcome(found.GetString(1), found.GetString(2), found.GetInt64(3), null);
            resolved[index] = true;
        }

        return pairs;
    }

    /// <summary>Locks the batch's channel rows in sorted order; returns each channel's epoch and first new offset.</summary>
    private static async ValueTask<Dictionary<string, (string Epoch, long Next)>> ReserveAsync(
        NpgsqlConnection connection, SortedDictionary<string, (long Count, ChannelRetention Retention)> counts, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(PostgresSql.ReserveOffsets, connection);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. counts.Keys] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. counts.Keys.Select(_ => Epochs.New())] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. counts.Values.Select(v => v.Count)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. counts.Values.Select(v => (long)v.Retention.HistoryAge.TotalMilliseconds)] });
        var next = new Dictionary<string, (string, long)>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var channel = reader.GetString(0);
            next[channel] = (reader.GetString(1), reader.GetInt64(2) - counts[channel].Count + 1);
        }

        return next;
    }

    private async ValueTask WriteAsync(
        NpgsqlConnection connection,
        IReadOnlyList<AppendRequest> batch,
        AppendOutcome[] outcomes,
        bool[] resolved,
        List<LogEntry> entries,
        SortedDictionary<string, (long Count, ChannelRetention Retention)> counts,
        Dictionary<string, (string Epoch, long Next)> next,
        CancellationToken cancellationToken)
    {
        await using var sql = new NpgsqlBatch(connection);
        sql.BatchCommands.Add(Command(PostgresSql.InsertEvents,
            entries.Select(e => e.Channel).ToArray(),
            entries.Select(e => e.Offset).ToArray(),
            entries.Select(e => e.Event).ToArray(),
            entries.Select(e => e.Key).ToArray(),
            entries.Select(e => Bytes(e.Data)).ToArray(),
            entries.Select(e => e.Timestamp.UtcDateTime).ToArray(),
            entries.Select(e => e.Tombstone).ToArray()));

        // The last event of each key in the batch decides; a tombstone removes the key.
        var latest = new Dictionary<(string, string), LogEntry>();
        foreach (var e in entries.Where(e => e.Key is not null))
        {
            latest[(e.Channel, e.Key!)] = e;
        }

        var upserts = latest.Values.Where(e => !e.Tombstone).ToList();
        var deletes = latest.Values.Where(e => e.Tombstone).ToList();
        if (upserts.Count > 0)
        {
            sql.BatchCommands.Add(Command(PostgresSql.UpsertLatest,
                upserts.Select(e => e.Channel).ToArray(),
                upserts.Select(e => e.Key!).ToArray(),
                upserts.Select(e => e.Offset).ToArray(),
                upserts.Select(e => e.Event).ToArray(),
                upserts.Select(e => Bytes(e.Data)).ToArray(),
                upserts.Select(e => e.Timestamp.UtcDateTime).ToArray()));
        }

        if (deletes.Count > 0)
        {
            sql.BatchCommands.Add(Command(PostgresSql.DeleteLatest, deletes.Select(e => e.Channel).ToArray(), deletes.Select(e => e.Key!).ToArray()));
        }

        var keyed = latest.Keys.Select(k => k.Item1).Distinct(StringComparer.Ordinal).ToArray();
        if (keyed.Length > 0)
        {
            sql.BatchCommands.Add(Command(PostgresSql.EvictLatest, keyed, keyed.Select(c => counts[c].Retention.MaxKeys).ToArray()));
        }

        // Physical trimming keeps ReadBackSlack extra events, so a node still reading back an
        // announced range finds it; resume honours HistorySize exactly regardless.
        var slack = database.Options.ReadBackSlack;
        var trims = counts.Select(c => (Channel: c.Key, Through: next[c.Key].Next - 1 - c.Value.Retention.HistorySize - slack)).Where(t => t.Through > 0).ToList();
        if (trims.Count > 0)
        {
            sql.BatchCommands.Add(Command(PostgresSql.TrimEvents, trims.Select(t => t.Channel).ToArray(), trims.Select(t => t.Through).ToArray()));
        }

        var remembered = new List<(string Key, AppendOutcome Outcome)>();
        for (var i = 0; i < batch.Count; i++)
        {
            if (!resolved[i] && batch[i].IdempotencyKey is { } key)
            {
                remembered.Add((key, outcomes[i]));
            }
        }

        if (remembered.Count > 0)
        {
            sql.BatchCommands.Add(Command(PostgresSql.FillIdempotency,
                remembered.Select(r => r.Key).ToArray(),
                remembered.Select(r => r.Outcome.Channel).ToArray(),
                remembered.Select(r => r.Outcome.Epoch).ToArray(),
                remembered.Select(r => r.Outcome.Offset).ToArray()));
        }

        foreach (var payload in Announcement.Encode(counts.Keys.Select(c => (c, next[c].Next - counts[c].Count, next[c].Next - 1))))
        {
            sql.BatchCommands.Add(Command(PostgresSql.Notify, payload));
        }

        await sql.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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
