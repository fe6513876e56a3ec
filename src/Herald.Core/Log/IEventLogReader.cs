namespace Herald.Log;

/// <summary>
/// The facts a store reads back, and nothing it decides: whether a <c>since</c> is honoured, how
/// far a replay goes and when a snapshot stands in is decided once, in Core, from these. Each call
/// may see a later instant than the one before; the callers cope with appends and trims in
/// between, so a store need not make several calls atomic.
/// </summary>
public interface IEventLogReader
{
    /// <summary>
    /// The stream's epoch and last offset (0 when nothing was appended). A channel seen for the
    /// first time gets its stream, and with it an epoch that its first append keeps.
    /// </summary>
    ValueTask<StreamHead> ReadHeadAsync(string channel, CancellationToken cancellationToken);

    /// <summary>
    /// The retained events with <paramref name="after"/> &lt; offset ≤ <paramref name="through"/>, in
    /// offset order, at most <paramref name="limit"/> (the first ones). What is retained is a suffix
    /// of the stream: trimming removes the oldest events only, so the result has no holes. Each
    /// entry carries the epoch of the stream it was read from.
    /// </summary>
    ValueTask<IReadOnlyList<LogEntry>> ReadRangeAsync(string channel, long after, long through, int limit, CancellationToken cancellationToken);

    /// <summary>The latest event per key, in offset order; a key whose latest event is a tombstone is absent.</summary>
    ValueTask<IReadOnlyList<LogEntry>> ReadLatestAsync(string channel, CancellationToken cancellationToken);
}
