using Herald.Log;
using Microsoft.Data.Sqlite;

namespace Herald.Storage.Sqlite.Log;

/// <summary>The writer's prepared statements; parsed once, reused for every batch.</summary>
internal sealed class SqliteStatements : IDisposable
{
    private readonly List<SqliteCommand> _all = [];
    private readonly SqliteCommand _findIdempotent;
    private readonly SqliteCommand _rememberIdempotent;
    private readonly SqliteCommand _sweepIdempotency;
    private readonly SqliteCommand _findStream;
    private readonly SqliteCommand _saveStream;
    private readonly SqliteCommand _createStream;
    private readonly SqliteCommand _insertEvent;
    private readonly SqliteCommand _upsertLatest;
    private readonly SqliteCommand _deleteLatest;
    private readonly SqliteCommand _trimCount;
    private readonly SqliteCommand _oldestTs;
    private readonly SqliteCommand _trimAge;
    private readonly SqliteCommand _evictLatest;
    private readonly SqliteCommand _clearLatest;

    public SqliteStatements(SqliteConnection connection)
    {
        SqliteCommand Make(string sql, params string[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter(name, null));
            }

            _all.Add(command);
            return command;
        }

        _findIdempotent = Make("""SELECT channel, epoch, "offset" FROM herald_idempotency WHERE key = $k AND expires_at > $now""", "$k", "$now");
        _rememberIdempotent = Make("""
            INSERT INTO herald_idempotency (key, channel, epoch, "offset", expires_at) VALUES ($k, $c, $e, $o, $x)
            ON CONFLICT (key) DO UPDATE SET channel = excluded.channel, epoch = excluded.epoch, "offset" = excluded."offset", expires_at = excluded.expires_at
            """, "$k", "$c", "$e", "$o", "$x");
        _sweepIdempotency = Make("DELETE FROM herald_idempotency WHERE expires_at <= $now", "$now");
        _findStream = Make("SELECT epoch, last_offset FROM herald_streams WHERE channel = $c", "$c");
        _saveStream = Make("""
            INSERT INTO herald_streams (channel, epoch, last_offset) VALUES ($c, $e, $o)
            ON CONFLICT (channel) DO UPDATE SET last_offset = excluded.last_offset
            """, "$c", "$e", "$o");
        _createStream = Make("INSERT INTO herald_streams (channel, epoch, last_offset) VALUES ($c, $e, 0) ON CONFLICT (channel) DO NOTHING", "$c", "$e");
        _insertEvent = Make("""
            INSERT INTO herald_events (channel, "offset", event, key, data, ts, tombstone) VALUES ($c, $o, $n, $k, $d, $t, $x)
            """, "$c", "$o", "$n", "$k", "$d", "$t", "$x");
        _upsertLatest = Make("""
            INSERT INTO herald_latest (channel, key, "offset", event, data, ts) VALUES ($c, $k, $o, $n, $d, $t)
            ON CONFLICT (channel, key) DO UPDATE SET "offset" = excluded."offset", event = excluded.event, data = excluded.data, ts = excluded.ts
            """, "$c", "$k", "$o", "$n", "$d", "$t");
        _deleteLatest = Make("DELETE FROM herald_latest WHERE channel = $c AND key = $k", "$c", "$k");
        _trimCount = Make("""DELETE FROM herald_events WHERE channel = $c AND "offset" <= $through""", "$c", "$through");
        _oldestTs = Make("""SELECT ts FROM herald_events WHERE channel = $c ORDER BY "offset" LIMIT 1""", "$c");

        // Through the newest expired event, so what is kept is always a suffix of the stream.
        _trimAge = Make("""
            DELETE FROM herald_events WHERE channel = $c
              AND "offset" <= (SELECT MAX("offset") FROM herald_events WHERE channel = $c AND ts < $cutoff)
            """, "$c", "$cutoff");
        _evictLatest = Make("""
            DELETE FROM herald_latest WHERE channel = $c
              AND "offset" < (SELECT "offset" FROM herald_latest WHERE channel = $c ORDER BY "offset" DESC LIMIT 1 OFFSET $keep - 1)
            """, "$c", "$keep");
        _clearLatest = Make("DELETE FROM herald_latest WHERE channel = $c", "$c");
    }

    public void Enlist(SqliteTransaction transaction)
    {
        foreach (var command in _all)
        {
            command.Transaction = transaction;
        }
    }

    public AppendOutcome? FindIdempotent(string key, long nowMs)
    {
        Set(_findIdempotent, key, nowMs);
        using var reader = _findIdempotent.ExecuteReader();
        return reader.Read() ? new AppendOutcome(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), null) : null;
    }

    public void RememberIdempotent(string key, AppendOutcome outcome, long expiresMs) =>
        Run(_rememberIdempotent, key, outcome.Channel, outcome.Epoch, outcome.Offset, expiresMs);

    public void SweepIdempotency(long nowMs) => Run(_sweepIdempotency, nowMs);

    public StreamState? FindStream(string channel)
    {
        Set(_findStream, channel);
        using var reader = _findStream.ExecuteReader();
        return reader.Read() ? new StreamState(reader.GetString(0), reader.GetInt64(1), IsNew: false) : null;
    }

    public void SaveStream(string channel, StreamState stream) => Run(_saveStream, channel, stream.Epoch, stream.LastOffset);

    public void CreateStreamIfMissing(string channel, string epoch) => Run(_createStream, channel, epoch);

    public void InsertEvent(LogEntry e) =>
        Run(_insertEvent, e.Channel, e.Offset, e.Event, e.Key, e.Data.ToArray(), e.Timestamp.ToUnixTimeMilliseconds(), e.Tombstone ? 1 : 0);

    /// <summary>The latest event per key; a tombstone removes the key.</summary>
    public void UpdateLatest(LogEntry e)
    {
        if (e.Tombstone)
        {
            Run(_deleteLatest, e.Channel, e.Key);
        }
        else
        {
            Run(_upsertLatest, e.Channel, e.Key, e.Offset, e.Event, e.Data.ToArray(), e.Timestamp.ToUnixTimeMilliseconds());
        }
    }

    /// <summary>
    /// Keeps the last <c>HistorySize</c> events younger than <c>HistoryAge</c>, and at most <c>MaxKeys</c> keys.
    /// Returns the stream with what it now knows, so the next batch skips what cannot have anything to delete.
    /// </summary>
    public StreamState Trim(string channel, StreamState stream, ChannelRetention retention, long cutoffMs)
    {
        // Offsets start at 1 and only grow: below the last bound's reach there is nothing left to delete.
        var through = stream.LastOffset - retention.HistorySize;
        if (through >= 1 && through > stream.TrimmedThrough)
        {
            Run(_trimCount, channel, through);
            stream = stream with { TrimmedThrough = through };
        }

        // Events only get newer, so while the oldest known time is inside the window none is expired.
        if (stream.OldestMs is not { } known || known < cutoffMs)
        {
            Set(_oldestTs, channel);
            var oldest = _oldestTs.ExecuteScalar() as long?;
            if (oldest < cutoffMs)
            {
                Run(_trimAge, channel, cutoffMs);
                oldest = null;
            }

            stream = stream with { OldestMs = oldest };
        }

        if (stream.Keyed)
        {
            if (retention.MaxKeys <= 0)
            {
                Run(_clearLatest, channel);
            }
            else
            {
                Run(_evictLatest, channel, retention.MaxKeys);
            }
        }

        return stream;
    }

    public void Dispose()
    {
        foreach (var command in _all)
        {
            command.Dispose();
        }
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        Set(command, values);
        command.ExecuteNonQuery();
    }

    private static void Set(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
