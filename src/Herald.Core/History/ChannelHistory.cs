using Herald.Channels;
using Herald.Log;
using Herald.Protocol;
using Herald.Security;

namespace Herald.History;

/// <summary>
/// Pages through a channel's retained history for one recipient, on the facts of
/// <see cref="IEventLogReader"/> so every store serves it, by the window rule resumes use. Events
/// the recipient may not see are skipped by the same rule as live delivery, and the cursor moves
/// past them, so paging neither loops nor leaks. Consistency is as in <see cref="CatchUpReader"/>:
/// the head bounds every range read, a reset reads again.
/// </summary>
internal sealed class ChannelHistory(IEventLogReader log, TimeProvider time)
{
    private const int Attempts = 3;

    // Reads ahead of the page, so a channel with many events the recipient may not see costs few reads.
    private const int MinimumChunk = 100;

    /// <param name="since">The offset to start after; null for the oldest retained event.</param>
    /// <param name="epoch">The epoch <paramref name="since"/> belongs to; null for the current one.</param>
    public async ValueTask<HistoryPage> ReadAsync(
        string channel, NamespacePolicy policy, PermissionSet permissions, long? since, string? epoch, int limit, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var head = await log.ReadHeadAsync(channel, cancellationToken).ConfigureAwait(false);
            var window = new ResumeWindow(head, policy.Retention, time.GetUtcNow());
            StreamPosition? from = since is { } after ? new StreamPosition(epoch ?? head.Epoch, after) : null;
            if (await PageAsync(channel, window, from, policy, permissions, limit, cancellationToken).ConfigureAwait(false) is { } page)
            {
                return page;
            }
        }

        throw new InvalidOperationException($"The epoch of '{channel}' kept changing while its history was read.");
    }

    /// <summary>Null when the stream was reset under the read.</summary>
    private async ValueTask<HistoryPage?> PageAsync(
        string channel, ResumeWindow window, StreamPosition? since, NamespacePolicy policy, PermissionSet permissions, int limit, CancellationToken cancellationToken)
    {
        var last = window.Head.LastOffset;
        bool? recovered = since is { } position ? window.MayResume(position) : null;

        // From since, its first read must continue it; from the floor, events expired by age are skipped until the first kept one.
        var checkSince = recovered == true;
        var started = recovered == true;
        var after = recovered == true ? since!.Value.Offset : window.Floor;
        var events = new List<LogEntry>(Math.Min(limit, MinimumChunk));
        var hasMore = false;
        while (after < last && !hasMore)
        {
            var read = await log.ReadRangeAsync(channel, after, last, Math.Max(limit + 1, MinimumChunk), cancellationToken).ConfigureAwait(false);
            if (!window.SameLife(read))
            {
                return null;
            }

            if (checkSince)
            {
                checkSince = false;
                if (!window.Continues(since!.Value, read))
                {
                    (recovered, started, after) = (false, false, window.Floor);
                    continue;
                }
            }

            if (read.Count == 0)
            {
                break;
            }

            foreach (var entry in read)
            {
                started = started || window.Retained(entry);
                if (!started || !EventVisibility.Allows(null, permissions, entry.Event, policy.RequirementFor(entry.Event)))
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

            after = read[^1].Offset;
        }

        // Without more to show, the page covers the stream up to its last offset: what was left
        // out after the last visible event is behind the cursor too.
        return new HistoryPage(window.Head.Epoch, recovered, events, hasMore ? events[^1].Offset : last, hasMore);
    }
}
