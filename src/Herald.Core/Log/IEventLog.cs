using Herald.Protocol;

namespace Herald.Log;

/// <summary>
/// The ordered, durable part of Herald: assigns each channel's next offset, keeps history and
/// the latest event per key. Implemented in memory here, by SQLite and PostgreSQL elsewhere.
/// </summary>
public interface IEventLog
{
    /// <summary>
    /// Appends a batch in order. Returns once every entry is durable; the outcomes are in
    /// request order. An idempotency key seen before yields the first result and no new entry.
    /// </summary>
    ValueTask<IReadOnlyList<AppendOutcome>> AppendAsync(IReadOnlyList<AppendRequest> batch, CancellationToken cancellationToken);

    /// <summary>
    /// Reads what a subscriber needs, atomically: the stream's epoch and last offset, the events
    /// after <paramref name="since"/> when it can be honoured, and the latest state per key when
    /// <paramref name="snapshot"/> is asked for and the replay cannot stand in for it.
    /// </summary>
    ValueTask<StreamRead> ReadAsync(string channel, StreamPosition? since, bool snapshot, CancellationToken cancellationToken);

    /// <summary>Reachability, for readiness checks.</summary>
    ValueTask<bool> IsHealthyAsync(CancellationToken cancellationToken);
}
