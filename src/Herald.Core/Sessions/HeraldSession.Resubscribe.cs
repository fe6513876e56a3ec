using Herald.Hub;
using Herald.Log;
using Herald.Protocol;
using Herald.Transport;

namespace Herald.Sessions;

internal sealed partial class HeraldSession
{
    /// <summary>
    /// subscribe on a channel this connection already has (its own or the mount's). The same
    /// subscription stays, so per channel nothing is sent twice or out of order (PROTOCOL.md §5.1):
    /// <list type="bullet">
    /// <item>no <c>since</c>, no <c>snapshot</c>: the new filter applies, no replay;</item>
    /// <item><c>since</c> in the subscription's epoch and not before what the connection holds:
    /// the replay starts after the later of <c>since</c> and the last offset already given;</item>
    /// <item>an older <c>since</c> (or another epoch): the missed events cannot come in order
    /// after later ones, so <c>recovered: false</c> and, when asked for, a snapshot;</item>
    /// <item><c>snapshot</c> alone: a snapshot at the current position.</item>
    /// </list>
    /// </summary>
    private async ValueTask<bool> ResubscribeAsync(MessageId id, Subscription subscription, StreamPosition? since, bool snapshot, CancellationToken aborted)
    {
        var held = since is { } s && s.Epoch == subscription.Epoch && s.Offset >= subscription.CoveredFrom;
        if (!held && !snapshot)
        {
            var offset = subscription.LastOffset;
            SendReply(_wire.Subscribed(id, subscription.Channel, subscription.Epoch, offset, since is null ? null : false), new ChannelMark(subscription.Channel, subscription.Epoch, offset));
            return true;
        }

        var floor = subscription.BeginCatchUp();
        StreamPosition? readFrom = held ? new StreamPosition(since!.Value.Epoch, Math.Max(since.Value.Offset, floor)) : null;
        if (!await CatchUpAsync(id, subscription, asked: since, readFrom, snapshot, floor, aborted).ConfigureAwait(false))
        {
            // It was live before this subscribe: it stays so, with what it had.
            _services.Counters.Delivered(subscription.GoLive(floor));
            Flush();
            return false;
        }

        return true;
    }
}
