using System.Text;
using System.Text.Json;

namespace Herald.Client;

/// <summary>
/// Resuming the channels a mount subscribes every connection to (server-side subscriptions, announced
/// by <c>subscribed</c> without <c>id</c>): their positions go on the upgrade URL as
/// <c>since=&lt;epoch&gt;:&lt;offset&gt;:&lt;channel&gt;</c>, so the announcement itself starts with the
/// replay, and no <c>subscribe</c> of ours is needed for them.
/// </summary>
public sealed partial class HeraldClient
{
    /// <summary>Channels this client's mount announced on some connection; kept under <see cref="_gate"/>.</summary>
    private readonly HashSet<string> _mountChannels = new(StringComparer.Ordinal);

    /// <summary>
    /// The positions to resume at connect: channels the mount announced before, and subscriptions that
    /// start from an application-given <c>since</c> (their first connection cannot know yet whose they are).
    /// </summary>
    private Dictionary<string, StreamPosition> ResumePositions()
    {
        var positions = new Dictionary<string, StreamPosition>(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var subscription in _subscriptions.Values)
            {
                if (!subscription.Ended && subscription.Position is { } position && (_mountChannels.Contains(subscription.Channel) || subscription.SubscribedAt is null))
                {
                    positions[subscription.Channel] = position;
                }
            }
        }

        return positions;
    }

    private Uri ResumeUrl(Dictionary<string, StreamPosition> positions, StreamRequest? stream)
    {
        if (positions.Count == 0 && stream is null)
        {
            return _url;
        }

        var query = new StringBuilder(_url.Query.TrimStart('?'));
        foreach (var (channel, position) in positions)
        {
            query.Append(query.Length == 0 ? "" : "&").Append("since=").Append(Uri.EscapeDataString($"{position}:{channel}"));
        }

        stream?.AppendTo(query);

        return new UriBuilder(_url) { Query = query.ToString() }.Uri;
    }

    /// <summary>
    /// At <c>welcome</c>: a subscription whose channel the mount announced before and whose position went on
    /// the URL waits for the announcement instead of sending <c>subscribe</c>. Returns whether it does.
    /// Called under <see cref="_gate"/>.
    /// </summary>
    private bool AwaitAnnouncement(WireConnection connection, HeraldSubscription subscription)
    {
        if (subscription.Ended || !_mountChannels.Contains(subscription.Channel) || !connection.ResumeAt.TryGetValue(subscription.Channel, out var position))
        {
            return false;
        }

        subscription.Generation = connection.Generation;
        subscription.Active = false;
        subscription.SentSince = position;
        connection.Awaiting[subscription.Channel] = subscription;
        return true;
    }

    /// <summary>
    /// The server sends every announcement before it answers any client message, so the answer to this
    /// ping means that a channel still awaited is no longer the mount's: it gets a <c>subscribe</c> after all.
    /// </summary>
    private async ValueTask SendAnnouncementBarrierAsync(WireConnection connection)
    {
        var id = Interlocked.Increment(ref _nextId);
        connection.AnnouncementBarrier = id;
        await connection.TrySendAsync(ClientMessages.Ping(id), _stopping.Token).ConfigureAwait(false);
    }

    private async ValueTask OnPongAsync(WireConnection connection, JsonElement message)
    {
        if (ServerMessages.Id(message) is not { } id || id != connection.AnnouncementBarrier)
        {
            return;
        }

        List<HeraldSubscription> unannounced;
        lock (_gate)
        {
            unannounced = [.. connection.Awaiting.Values];
            connection.Awaiting.Clear();
            foreach (var subscription in unannounced)
            {
                _mountChannels.Remove(subscription.Channel);
                subscription.Generation = -1;
            }
        }

        foreach (var subscription in unannounced)
        {
            await SendSubscribeAsync(connection, subscription, _stopping.Token).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A <c>subscribed</c> without <c>id</c>: the mount's own subscription. It answers for ours on that
    /// channel on this connection, whether we awaited it or had sent a <c>subscribe</c> of our own
    /// (<paramref name="subscribedByUs"/>).
    /// </summary>
    private HeraldSubscription? OnAnnounced(WireConnection connection, JsonElement message, out bool subscribedByUs)
    {
        var channel = ServerMessages.String(message, "channel") ?? "";
        lock (_gate)
        {
            _mountChannels.Add(channel);
            var awaited = connection.Awaiting.Remove(channel);
            subscribedByUs = false;
            if (!_subscriptions.TryGetValue(channel, out var subscription) || subscription.Ended)
            {
                return null;
            }

            if (subscription.Generation != connection.Generation)
            {
                subscription.Generation = connection.Generation;
                subscription.SentSince = connection.ResumeAt.GetValueOrDefault(channel);
            }
            else
            {
                subscribedByUs = !awaited;
            }

            return subscription;
        }
    }

    /// <summary>
    /// A subscription that wants snapshots, answered by an announcement that did not recover: the mount
    /// may have no snapshot to send, so ask for one at the current position (which repeats no event; at
    /// worst a second snapshot comes). Its reply is only a confirmation.
    /// </summary>
    private async ValueTask RequestSnapshotAsync(WireConnection connection, HeraldSubscription subscription)
    {
        var id = Interlocked.Increment(ref _nextId);
        connection.Pending[id] = new PendingReply(null);
        await connection.TrySendAsync(ClientMessages.Subscribe(id, subscription.Channel, subscription.Options.Events, since: null, snapshot: true), _stopping.Token).ConfigureAwait(false);
    }
}
