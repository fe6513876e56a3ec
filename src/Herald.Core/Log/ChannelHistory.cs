using Herald.Channels;
using Herald.Protocol;
using Herald.Security;

namespace Herald.Log;

/// <summary>
/// Pages through a channel's retained history for one recipient, on <see cref="IEventLog.ReadAsync"/>
/// alone so every store serves it. Events the recipient may not see are skipped by the same rule
/// as live delivery, and the cursor moves past them, so paging neither loops nor leaks.
/// </summary>
internal static class ChannelHistory
{
    // An epoch that changes under a read (a reset) is read again; more than this is a fault.
    private const int Attempts = 3;

    /// <param name="since">The offset to start after; null for the oldest retained event.</param>
    /// <param name="epoch">The epoch <paramref name="since"/> belongs to; null for the current one.</param>
    public static async ValueTask<HistoryPage> ReadAsync(
        IEventLog log, string channel, NamespacePolicy policy, PermissionSet permissions, long? since, string? epoch, int limit, CancellationToken cancellationToken)
    {
        bool? recovered = null;
        if (since is { } after)
        {
            var current = epoch ?? (await log.ReadAsync(channel, null, false, cancellationToken).ConfigureAwait(false)).Epoch;
            var read = await log.ReadAsync(channel, new StreamPosition(current, after), false, cancellationToken).ConfigureAwait(false);
            if (read.Recovered)
            {
                return Page(read, true, policy, permissions, limit);
            }

            recovered = false;
        }

        return Page(await ReadRetainedAsync(log, channel, policy.Retention, cancellationToken).ConfigureAwait(false), recovered, policy, permissions, limit);
    }

    private static HistoryPage Page(StreamRead read, bool? recovered, NamespacePolicy policy, PermissionSet permissions, int limit)
    {
        var events = new List<LogEntry>(Math.Min(limit, read.Events.Count));
        var hasMore = false;
        foreach (var entry in read.Events)
        {
            if (!EventVisibility.Allows(null, permissions, entry.Event, policy.RequirementFor(entry.Event)))
            {
                continue;
            }

            if (events.Count == limit)
            {
                hasMore = true;
                break;
            }

            events.Add(entry);
        }

        // Without more to show, the page covers the stream up to its last offset: what was left
        // out after the last visible event is behind the cursor too.
        return new HistoryPage(read.Epoch, recovered, events, hasMore ? events[^1].Offset : read.Offset, hasMore);
    }

    /// <summary>
    /// Everything still retained. The log answers "is <c>since</c> covered?", not "where does history
    /// start?": the count window is tried first, and when age has trimmed into it, the first covered
    /// position is bisected (covered is monotone in the position), a few reads at most.
    /// </summary>
    private static async ValueTask<StreamRead> ReadRetainedAsync(IEventLog log, string channel, ChannelRetention retention, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var head = await log.ReadAsync(channel, null, false, cancellationToken).ConfigureAwait(false);
            var low = Math.Max(0, head.Offset - retention.HistorySize);
            var read = await log.ReadAsync(channel, new StreamPosition(head.Epoch, low), false, cancellationToken).ConfigureAwait(false);
            if (read.Recovered)
            {
                return read;
            }

            // Invariant: low is not covered, high is (the last offset always is, within its epoch).
            var high = read.Offset;
            StreamRead? covered = null;
            while (high - low > 1)
            {
                var middle = low + ((high - low) / 2);
                var probe = await log.ReadAsync(channel, new StreamPosition(head.Epoch, middle), false, cancellationToken).ConfigureAwait(false);
                if (probe.Recovered)
                {
                    (high, covered) = (middle, probe);
                }
                else
                {
                    low = middle;
                }
            }

            covered ??= await log.ReadAsync(channel, new StreamPosition(head.Epoch, high), false, cancellationToken).ConfigureAwait(false);
            if (covered.Recovered)
            {
                return covered;
            }
        }

        throw new InvalidOperationException($"The epoch of '{channel}' kept changing while its history was read.");
    }
}
