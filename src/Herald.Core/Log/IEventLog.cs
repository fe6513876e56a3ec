namespace Herald.Log;

/// <summary>
/// The ordered, durable part of Herald: assigns each channel's next offset, keeps history and
/// the latest event per key. Implemented in memory here, by SQLite and PostgreSQL elsewhere;
/// a new store implements this and passes the shared contract suite (EventLogContract in
/// test/Herald.Storage.Tests). What subscribers are given is decided in Core
/// (<see cref="CatchUpReader"/>, <c>History.ChannelHistory</c>) from the facts a store reads.
/// </summary>
public interface IEventLog : IEventLogReader
{
    /// <summary>
    /// Appends a batch in order. Returns once every entry is durable; the outcomes are in
    /// request order. An idempotency key seen before yields the first result and no new entry.
    /// Each request's retention is applied here, by trimming what the store keeps.
    /// </summary>
    ValueTask<IReadOnlyList<AppendOutcome>> AppendAsync(IReadOnlyList<AppendRequest> batch, CancellationToken cancellationToken);

    /// <summary>Reachability, for readiness checks.</summary>
    ValueTask<bool> IsHealthyAsync(CancellationToken cancellationToken);
}
