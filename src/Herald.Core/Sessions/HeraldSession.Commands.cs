using Herald.Channels;
using Herald.Hub;
using Herald.Log;
using Herald.Protocol;
using Herald.Security;

namespace Herald.Sessions;

internal sealed partial class HeraldSession
{
    /// <summary>
    /// subscribe: register first (live events park in the subscription), then read the log, send
    /// <c>subscribed</c>, the replay or snapshot, and go live. Returns false when refused.
    /// </summary>
    private async ValueTask<bool> SubscribeAsync(MessageId id, string channel, IReadOnlyList<string>? events, StreamPosition? since, bool snapshot, CancellationToken aborted)
    {
        var verdict = _services.Access.Resolve(channel);
        if (verdict.Refusal == ChannelRefusal.InvalidName)
        {
            Reject(new(verdict.ErrorCode!, verdict.Message!, id));
            return false;
        }

        if (verdict.Policy is not { } policy)
        {
            Refuse(new(verdict.ErrorCode!, verdict.Message!, id));
            return false;
        }

        var filter = EventFilter.Create(events);
        if (_subscriptions.TryGetValue(channel, out var existing))
        {
            existing.Filter = filter;
            return await ResubscribeAsync(id, existing, since, snapshot, aborted).ConfigureAwait(false);
        }

        if (_subscriptions.Count >= _services.Options.MaxSubscriptions)
        {
            Refuse(new(ErrorCodes.TooManySubscriptions, $"At most {_services.Options.MaxSubscriptions} subscriptions per connection.", id));
            return false;
        }

        if (!await IsAllowedAsync(Principal, policy, channel, aborted).ConfigureAwait(false))
        {
            Refuse(new(ErrorCodes.AccessDenied, $"Not allowed to subscribe to '{channel}'.", id));
            return false;
        }

        var subscription = new Subscription(this, channel, policy, filter, _services.Options.SendQueueCapacity * 4);
        _subscriptions[channel] = subscription;
        _services.Hub.Add(subscription);
        _services.Counters.SubscriptionAdded();
        if (!await CatchUpAsync(id, subscription, asked: since, readFrom: since, snapshot, floor: 0, aborted).ConfigureAwait(false))
        {
            RemoveSubscription(subscription);
            return false;
        }

        return true;
    }

    private void Unsubscribe(MessageId id, string channel)
    {
        if (!_subscriptions.TryGetValue(channel, out var subscription))
        {
            Refuse(new(ErrorCodes.NotSubscribed, $"Not subscribed to '{channel}'.", id));
            return;
        }

        RemoveSubscription(subscription);
        Send(_wire.Unsubscribed(id, channel, reason: null));
    }

    /// <summary>refresh: a new JWT for the same subject; subscriptions it no longer allows are taken away.</summary>
    private async ValueTask RefreshAsync(MessageId id, string token, CancellationToken aborted)
    {
        var outcome = await _services.Tokens.ValidateAsync(token, aborted).ConfigureAwait(false);
        if (!outcome.Succeeded)
        {
            Refuse(new(outcome.ErrorCode!, outcome.Message!, id));
            return;
        }

        var principal = outcome.Principal!;
        if (principal.Subject != Principal.Subject)
        {
            Refuse(new(ErrorCodes.InvalidCredentials, "A refresh token must be for the connection's own subject.", id));
            return;
        }

        // Take lost subscriptions away before the new permissions apply, so no event of a
        // channel the new token does not allow slips in between.
        var lost = new List<string>();
        foreach (var subscription in _subscriptions.Values.ToList())
        {
            if (!await IsAllowedAsync(principal, subscription.Policy, subscription.Channel, aborted).ConfigureAwait(false))
            {
                RemoveSubscription(subscription);
                lost.Add(subscription.Channel);
            }
        }

        Volatile.Write(ref _principal, principal);
        _expiringSent = false;
        Send(_wire.Refreshed(id, principal.ExpiresAt));
        foreach (var channel in lost)
        {
            Send(_wire.Unsubscribed(default, channel, ErrorCodes.AccessDenied));
        }
    }

    private ValueTask<bool> IsAllowedAsync(HeraldPrincipal principal, NamespacePolicy policy, string channel, CancellationToken aborted) =>
        _services.Access.AllowsSubscribeAsync(principal, policy, channel, aborted);

    private void RemoveSubscription(Subscription subscription)
    {
        _subscriptions.Remove(subscription.Channel);
        _services.Hub.Remove(subscription);
        _services.Counters.SubscriptionRemoved();
    }
}
