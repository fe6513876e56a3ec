namespace Herald.Log;

/// <summary>
/// What a subscriber is given at subscribe time, decided once for every store from the facts it
/// reads: <c>recovered</c>, the replay window and the snapshot fallback.
/// </summary>
/// <remarks>
/// The head is read first and bounds the rest, so no store has to answer atomically: the range
/// read stops at the head's last offset, and snapshot items newer than it are left out (their
/// events come live after <c>subscribed</c>, which names that offset, so each is seen once). A trim
/// between the calls shows as a range that no longer starts right after <c>since</c>: not
/// recovered, as a read an instant later would have said. Entries of another epoch mean the stream
/// was reset in between: the read starts again from the head. Range reads go through
/// <see cref="RecentRanges"/>: a storm of clients resuming one channel reads its events once.
/// </remarks>
internal sealed class CatchUpReader(IEventLogReader log, Func<string, ChannelRetention> retention, TimeProvider time)
{
    private const int Attempts = 3;
    private readonly RecentRanges _recent = new();

    /// <summary>
    /// The stream's epoch and last offset, the whole gap after <paramref name="since"/> when it can be
    /// honoured, and the latest state per key when <paramref name="snapshot"/> is asked for and the
    /// replay cannot stand in for it.
    /// </summary>
    public async ValueTask<StreamRead> ReadAsync(string channel, StreamPosition? since, bool snapshot, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var head = await log.ReadHeadAsync(channel, cancellationToken).ConfigureAwait(false);
            var window = new ResumeWindow(head, retention(channel), time.GetUtcNow());
            IReadOnlyList<LogEntry> events = [];
            var recovered = false;
            if (since is { } position && window.MayResume(position))
            {
                var missing = head.LastOffset - position.Offset;
                events = missing == 0 ? [] : await _recent.ReadRangeAsync(log, channel, head.Epoch, position.Offset, head.LastOffset, (int)missing, cancellationToken).ConfigureAwait(false);
                if (!window.SameLife(events))
                {
                    continue;
                }

                recovered = missing == 0 || (events.Count == missing && window.Continues(position, events));
                events = recovered ? events : [];
            }

            IReadOnlyList<LogEntry>? items = null;
            if (snapshot && !recovered)
            {
                var latest = await log.ReadLatestAsync(channel, cancellationToken).ConfigureAwait(false);
                if (!window.SameLife(latest))
                {
                    continue;
                }

                items = latest.Count == 0 || latest[^1].Offset <= head.LastOffset ? latest : [.. latest.Where(e => e.Offset <= head.LastOffset)];
            }

            return new StreamRead(head.Epoch, head.LastOffset, recovered, events, items);
        }

        throw new InvalidOperationException($"The epoch of '{channel}' kept changing while it was read.");
    }
}
