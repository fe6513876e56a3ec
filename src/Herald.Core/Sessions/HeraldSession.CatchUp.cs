using Herald.Hub;
using Herald.Log;
using Herald.Protocol;
using Herald.Transport;

namespace Herald.Sessions;

internal sealed partial class HeraldSession
{
    /// <summary>
    /// With the subscription parked, reads the log from <paramref name="readFrom"/> and sends
    /// <c>subscribed</c>, the replay or snapshot, then releases the live events. Nothing at or
    /// before <paramref name="floor"/> (what this connection was already given) is sent again.
    /// <paramref name="asked"/> is the client's <c>since</c>: without one <c>recovered</c> is left
    /// out; with one but no <paramref name="readFrom"/> it cannot be honoured. False when the
    /// log could not be read (the client was told; the subscription is still parked).
    /// </summary>
    private async ValueTask<bool> CatchUpAsync(MessageId id, Subscription subscription, StreamPosition? asked, StreamPosition? readFrom, bool snapshot, long floor, CancellationToken aborted)
    {
        var channel = subscription.Channel;
        StreamRead read;
        try
        {
            read = await _services.Log.ReadAsync(channel, readFrom, snapshot, aborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.HistoryReadFailed(_services.Logger, channel, ex);
            Send(_wire.ErrorReply(id, ErrorCodes.Internal, "The channel's history could not be read; try again."));
            return false;
        }

        var recovered = readFrom is not null && read.Recovered;
        subscription.Epoch = read.Epoch;
        subscription.CoveredFrom = recovered ? Math.Min(subscription.CoveredFrom, readFrom!.Value.Offset) : read.Offset;
        var through = Math.Max(read.Offset, floor);
        // The mark is what the client holds once it has this message: with a replay to follow, only
        // what it resumed from; a transport that resumes from marks (SSE) must not skip the replay.
        var held = recovered ? Math.Max(readFrom!.Value.Offset, floor) : through;
        SendReply(_wire.Subscribed(id, channel, read.Epoch, through, asked is null ? null : recovered), new ChannelMark(channel, read.Epoch, held));
        var policy = subscription.Policy;
        var delivered = 0;
        foreach (var entry in read.Events)
        {
            if (entry.Offset > floor && subscription.Allows(entry, policy.RequirementFor(entry.Event)))
            {
                // Waiting here is safe: live events park in the subscription meanwhile.
                if (!await EnqueueWaitingAsync(entry, aborted).ConfigureAwait(false))
                {
                    break;
                }

                delivered++;
            }
        }

        if (read.Snapshot is { } items)
        {
            var visible = items.Where(e => subscription.Allows(e, policy.RequirementFor(e.Event))).ToList();
            SendReply(_wire.Snapshot(channel, read.Epoch, read.Offset, visible), new ChannelMark(channel, read.Epoch, through));
        }

        delivered += subscription.GoLive(through);
        Flush();
        _services.Counters.Delivered(delivered);
        return true;
    }
}
