using Herald.Channels;

namespace Herald.Security;

/// <summary>
/// The one answer to "may this principal subscribe to, or publish to, this channel": the name,
/// its namespace, the namespace's attributes and channel templates, then every application
/// <see cref="IChannelAuthorizer"/> for subscribing. Sessions, the history API, the publish API
/// and the publish validator all ask here, so reading a channel's history can never be allowed
/// where subscribing to it is not, and no two places word a refusal differently.
/// </summary>
internal sealed class ChannelAccess(NamespaceRules rules, IEnumerable<IChannelAuthorizer> authorizers)
{
    public const string InvalidNameMessage = "Channel names are 1-128 characters of [A-Za-z0-9_.:@=-].";

    private readonly IChannelAuthorizer[] _authorizers = [.. authorizers];

    /// <summary>The channel's namespace policy, or why the name is refused before anyone's rights are asked.</summary>
    public ChannelVerdict Resolve(string? channel)
    {
        if (channel is null || !ChannelName.IsValid(channel))
        {
            return new(ChannelRefusal.InvalidName, null, InvalidNameMessage);
        }

        return rules.Resolve(channel) is { } policy
            ? new(ChannelRefusal.None, policy, null)
            : new(ChannelRefusal.UnknownNamespace, null, $"Unknown namespace '{ChannelName.NamespaceOf(channel)}'.");
    }

    /// <summary>Name, namespace and subscribe rights together: what the history API asks.</summary>
    public async ValueTask<ChannelVerdict> CheckSubscribeAsync(HeraldPrincipal principal, string channel, CancellationToken cancellationToken)
    {
        var verdict = Resolve(channel);
        if (!verdict.Allowed || await AllowsSubscribeAsync(principal, verdict.Policy!, channel, cancellationToken).ConfigureAwait(false))
        {
            return verdict;
        }

        return verdict with { Refusal = ChannelRefusal.Denied };
    }

    /// <summary>The subscribe rights alone, for a channel already resolved (a session re-checks its subscriptions on refresh).</summary>
    public async ValueTask<bool> AllowsSubscribeAsync(HeraldPrincipal principal, NamespacePolicy policy, string channel, CancellationToken cancellationToken)
    {
        if (!policy.AllowsSubscribe(principal, channel))
        {
            return false;
        }

        foreach (var authorizer in _authorizers)
        {
            if (!await authorizer.CanSubscribeAsync(principal, channel, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Name, namespace and the namespace's publish attributes.</summary>
    public ChannelVerdict CheckPublish(HeraldPrincipal principal, string? channel)
    {
        var verdict = Resolve(channel);
        return verdict.Allowed && !verdict.Policy!.AllowsPublish(principal) ? verdict with { Refusal = ChannelRefusal.Denied } : verdict;
    }
}
