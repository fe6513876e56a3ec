using System.Text.Json;

namespace Herald.Client;

public sealed partial class HeraldClient
{
    /// <summary>Handles one server message, on the connection's reader, in order.</summary>
    private async ValueTask DispatchAsync(WireConnection connection, JsonElement message)
    {
        switch (ServerMessages.Type(message))
        {
            case "welcome":
                await OnWelcomeAsync(connection, message).ConfigureAwait(false);
                break;
            case "ping":
                await connection.TrySendAsync(ClientMessages.Pong, _stopping.Token).ConfigureAwait(false);
                break;
            case "pong":
                await OnPongAsync(connection, message).ConfigureAwait(false);
                break;
            case "event":
                var update = ServerMessages.Event(message);
                if (Find(connection, update.Channel) is { } subscriber && (connection.Stream is null || StreamRequest.Wants(subscriber, update.Event)))
                {
                    subscriber.OnEvent(update);
                }

                break;
            case "snapshot":
                var snapshot = ServerMessages.Snapshot(message);
                if (Find(connection, snapshot.Channel) is { } owner && (connection.Stream is null || owner.Options.Snapshot))
                {
                    owner.OnSnapshot(snapshot);
                }

                break;
            case "subscribed":
                if (OnSubscribed(connection, message) is { } wantsSnapshot)
                {
                    await RequestSnapshotAsync(connection, wantsSnapshot).ConfigureAwait(false);
                }

                break;
            case "unsubscribed":
                OnUnsubscribed(connection, message);
                break;
            case "error":
                OnError(connection, message);
                break;
            case "expiring":
                _ = RefreshAsync(connection, ServerMessages.Long(message, "in"));
                break;
            case "refreshed":
                if (ServerMessages.Id(message) is { } id && connection.Pending.TryRemove(id, out var pending))
                {
                    pending.Reply.TrySetResult(null);
                }

                break;
        }
    }

    private async ValueTask OnWelcomeAsync(WireConnection connection, JsonElement message)
    {
        var welcome = ServerMessages.Welcome(message);
        connection.IdleTimeout = _options.HeartbeatTimeout ?? TimeSpan.FromSeconds((2 * Math.Max(1, welcome.PingInterval)) + 10);
        connection.WelcomedAt = _time.GetUtcNow();
        List<HeraldSubscription> restore;
        bool awaiting;
        var stale = false;
        lock (_gate)
        {
            _live = connection;
            if (connection.Stream is { } stream)
            {
                stale = AwaitStream(connection, stream);
                restore = [];
                awaiting = false;
            }
            else
            {
                restore = [.. _subscriptions.Values.Where(s => !AwaitAnnouncement(connection, s))];
                awaiting = connection.Awaiting.Count > 0;
            }
        }

        Volatile.Write(ref _welcome, welcome);
        Interlocked.Increment(ref _connectCount);
        ClientLog.Connected(_log, _url, welcome.Session, welcome.Node, welcome.User);
        SetState(ConnectionState.Connected);
        _firstWelcome.TrySetResult();
        foreach (var subscription in restore)
        {
            await SendSubscribeAsync(connection, subscription, _stopping.Token).ConfigureAwait(false);
        }

        if (awaiting)
        {
            await SendAnnouncementBarrierAsync(connection).ConfigureAwait(false);
        }

        if (stale)
        {
            await ReopenAsync(connection).ConfigureAwait(false);
        }
    }

    /// <summary>Sends <c>subscribe</c> for <paramref name="subscription"/> once per connection, with <c>since</c> when it has a position.</summary>
    private async ValueTask SendSubscribeAsync(WireConnection connection, HeraldSubscription subscription, CancellationToken cancellationToken)
    {
        long id;
        byte[] frame;
        lock (_gate)
        {
            if (subscription.Ended || subscription.Generation == connection.Generation)
            {
                return;
            }

            id = Interlocked.Increment(ref _nextId);
            subscription.Generation = connection.Generation;
            subscription.Active = false;
            subscription.SentSince = subscription.Position;
            connection.Pending[id] = new PendingReply(subscription);
            var options = subscription.Options;
            frame = ClientMessages.Subscribe(id, subscription.Channel, options.Events, subscription.SentSince, options.Snapshot);
        }

        await connection.TrySendAsync(frame, cancellationToken).ConfigureAwait(false);
    }

    private HeraldSubscription? Find(WireConnection connection, string channel)
    {
        lock (_gate)
        {
            return _subscriptions.TryGetValue(channel, out var subscription) && subscription.Generation == connection.Generation ? subscription : null;
        }
    }

    /// <summary>Returns the subscription when it still needs a snapshot the mount may not send (see <see cref="RequestSnapshotAsync"/>).</summary>
    private HeraldSubscription? OnSubscribed(WireConnection connection, JsonElement message)
    {
        HeraldSubscription? subscription;
        var subscribedByUs = true;
        if (ServerMessages.Id(message) is not { } id)
        {
            subscription = OnAnnounced(connection, message, out subscribedByUs);
        }
        else if (!connection.Pending.TryRemove(id, out var pending))
        {
            return null;
        }
        else
        {
            subscription = pending.Subscription;
            if (subscription is { Active: true })
            {
                return null; // The mount's announcement answered for it already; this only confirms.
            }
        }

        if (subscription is null || subscription.Ended || subscription.Generation != connection.Generation)
        {
            return null;
        }

        var epoch = ServerMessages.String(message, "epoch") ?? "";
        var offset = ServerMessages.Long(message, "offset");
        var recovered = ServerMessages.Bool(message, "recovered");
        if (subscription.SentSince is { } since && recovered != true)
        {
            ClientLog.HistoryGap(_log, subscription.Channel, since, new StreamPosition(epoch, offset));
        }

        subscription.OnSubscribed(epoch, offset, recovered);
        // A stream asked for its snapshots in its URL.
        return !subscribedByUs && subscription.Options.Snapshot && recovered != true && connection.Stream is null ? subscription : null;
    }

    private void OnUnsubscribed(WireConnection connection, JsonElement message)
    {
        if (ServerMessages.Id(message) is not null)
        {
            return; // The answer to our own unsubscribe: the subscription has already ended.
        }

        var channel = ServerMessages.String(message, "channel") ?? "";
        var reason = ServerMessages.String(message, "reason") ?? "UNSUBSCRIBED";
        if (Find(connection, channel) is not { } subscription)
        {
            return;
        }

        lock (_gate)
        {
            _subscriptions.Remove(channel);
        }

        ClientLog.SubscriptionTakenAway(_log, channel, reason);
        subscription.End(new HeraldException(reason, $"the server ended the subscription to {channel} ({reason})"));
    }

    private void OnError(WireConnection connection, JsonElement message)
    {
        var code = ServerMessages.String(message, "code") ?? "INTERNAL";
        var text = ServerMessages.String(message, "message") ?? "";
        if (ServerMessages.Id(message) is not { } id)
        {
            connection.LastError = (code, text);
            return;
        }

        if (!connection.Pending.TryRemove(id, out var pending))
        {
            return;
        }

        if (pending.Subscription is { } subscription)
        {
            lock (_gate)
            {
                if (_subscriptions.TryGetValue(subscription.Channel, out var current) && ReferenceEquals(current, subscription))
                {
                    _subscriptions.Remove(subscription.Channel);
                }
            }

            ClientLog.SubscribeRefused(_log, subscription.Channel, code, text);
            subscription.End(new HeraldException(code, $"subscribe to {subscription.Channel} refused: {code}: {text}"));
            return;
        }

        pending.Reply.TrySetResult((code, text));
    }

    /// <summary>On <c>expiring</c>: a new JWT from the provider goes out as <c>refresh</c> on this connection.</summary>
    private async Task RefreshAsync(WireConnection connection, long seconds)
    {
        var cancellationToken = _stopping.Token;
        try
        {
            var next = await _options.Credentials(new CredentialRequest(CredentialReason.Expiring, connection.Credential, null), cancellationToken).ConfigureAwait(false);
            if (next is null || next.Kind != CredentialKind.Token || next == connection.Credential)
            {
                ClientLog.NothingToRefresh(_log, seconds);
                return;
            }

            var id = Interlocked.Increment(ref _nextId);
            var pending = new PendingReply(null);
            connection.Pending[id] = pending;
            await connection.SendAsync(ClientMessages.Refresh(id, next.Value), cancellationToken).ConfigureAwait(false);
            if (await pending.Reply.Task.WaitAsync(_options.RequestTimeout, _time, cancellationToken).ConfigureAwait(false) is { } error)
            {
                ClientLog.RefreshRefused(_log, error.Code, error.Message);
                return;
            }

            connection.Credential = next;
            ClientLog.Refreshed(_log);
        }
        catch (Exception ex)
        {
            // Unless disposed: the connection will end with 4001 and the reconnect path asks the provider again.
            if (!cancellationToken.IsCancellationRequested)
            {
                ClientLog.RefreshFailed(_log, ex);
            }
        }
    }
}
