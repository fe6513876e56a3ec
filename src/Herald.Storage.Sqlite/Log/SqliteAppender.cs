using Herald.Log;
using Microsoft.Data.Sqlite;

namespace Herald.Storage.Sqlite.Log;

/// <summary>
/// The log's one writer: a dedicated connection with prepared statements. A batch is one
/// transaction, so one fsync (synchronous=FULL) covers every publish the pipeline grouped into
/// it: that is the group commit. Not thread-safe; <see cref="SqliteEventLog"/> serializes calls.
/// Being the only writer, it remembers each stream's row after a commit, so a busy channel costs
/// an insert per event and one update per batch, not a lookup and a retention scan as well.
/// </summary>
internal sealed class SqliteAppender : IDisposable
{
    private static readonly TimeSpan IdempotencyWindow = TimeSpan.FromHours(24);

    // Streams remembered between batches; past this many the memory is given back and rows are read again.
    private const int MaxKnownStreams = 100_000;

    private readonly Dictionary<string, StreamState> _known = new(StringComparer.Ordinal);

    private readonly SqliteConnection _connection;
    private readonly SqliteStatements _sql;
    private readonly TimeProvider _time;
    private DateTimeOffset _nextSweep;

    public SqliteAppender(SqliteDatabase database, TimeProvider time)
    {
        _time = time;
        _connection = database.Open();
        _sql = new SqliteStatements(_connection);
    }

    /// <summary>Commits made; tests use it to see that concurrent publishes share commits.</summary>
    public long Commits { get; private set; }

    public IReadOnlyList<AppendOutcome> Append(IReadOnlyList<AppendRequest> batch)
    {
        var now = _time.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var outcomes = new AppendOutcome[batch.Count];
        var streams = new Dictionary<string, StreamState>(StringComparer.Ordinal);
        var pending = new List<LogEntry>(batch.Count);

        // IMMEDIATE takes the write lock up front, so the batch never fails half-way on a busy upgrade.
        using var transaction = _connection.BeginTransaction(deferred: false);
        _sql.Enlist(transaction);
        for (var i = 0; i < batch.Count; i++)
        {
            var request = batch[i];
            if (request.IdempotencyKey is { } key && _sql.FindIdempotent(key, nowMs) is { } earlier)
            {
                outcomes[i] = earlier;
                continue;
            }

            if (!streams.TryGetValue(request.Channel, out var stream))
            {
                stream = _known.TryGetValue(request.Channel, out var known)
                    ? known with { Keyed = false }
                    : _sql.FindStream(request.Channel) ?? new StreamState(Epochs.New(), 0, IsNew: true);
                streams[request.Channel] = stream;
            }

            stream = stream with { LastOffset = stream.LastOffset + 1, Retention = request.Retention };
            streams[request.Channel] = stream;
            var entry = new LogEntry
            {
                Channel = request.Channel,
                Epoch = stream.Epoch,
                Offset = stream.LastOffset,
                Event = request.Event,
                Key = request.Key,
                Data = request.Data,
                Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(nowMs),
                Tombstone = request.Tombstone,
            };
            _sql.InsertEvent(entry);
            if (entry.Key is not null)
            {
                _sql.UpdateLatest(entry);
                streams[request.Channel] = stream with { Keyed = true };
            }

            outcomes[i] = new AppendOutcome(entry.Channel, entry.Epoch, entry.Offset, entry);
            if (request.IdempotencyKey is { } newKey)
            {
                _sql.RememberIdempotent(newKey, outcomes[i], (now + IdempotencyWindow).ToUnixTimeMilliseconds());
            }

            pending.Add(entry);
        }

        var saved = new List<KeyValuePair<string, StreamState>>(streams.Count);
        foreach (var (channel, stream) in streams)
        {
            _sql.SaveStream(channel, stream);
            var after = stream.Retention is { } retention
                ? _sql.Trim(channel, stream, retention, (now - retention.HistoryAge).ToUnixTimeMilliseconds())
                : stream;
            saved.Add(new(channel, after with { IsNew = false }));
        }

        if (now >= _nextSweep)
        {
            // Expired idempotency keys go once a minute; lookups already ignore them.
            _sql.SweepIdempotency(nowMs);
            _nextSweep = now.AddMinutes(1);
        }

        transaction.Commit();
        Commits++;
        Remember(saved);
        return outcomes;
    }

    /// <summary>Only after the commit: a batch rolled back leaves the remembered rows as they are in the database.</summary>
    private void Remember(List<KeyValuePair<string, StreamState>> saved)
    {
        if (_known.Count + saved.Count > MaxKnownStreams)
        {
            _known.Clear();
        }

        foreach (var (channel, stream) in saved)
        {
            _known[channel] = stream;
        }
    }

    /// <summary>Creates an empty stream so a subscriber to a new channel is told an epoch that stays valid.</summary>
    public void EnsureStream(string channel)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        _sql.Enlist(transaction);
        _sql.CreateStreamIfMissing(channel, Epochs.New());
        transaction.Commit();
    }

    public void Dispose()
    {
        _sql.Dispose();
        _connection.Dispose();
    }
}
