namespace Herald.Security;

/// <summary>
/// Whether a principal may subscribe to a channel: the namespace's own rules, then every
/// application authorizer. Sessions and the history API both ask here, so reading a channel's
/// history can never be allowed where subscribing to it is not.
/// </summary>
internal static class SubscribeAccess
{
    public static async ValueTask<bool> AllowsAsync(HeraldPrincipal principal, NamespacePolicy policy, string channel, IChannelAuthorizer[] authorizers, CancellationToken cancellationToken)
    {
        if (!policy.AllowsSubscribe(principal, channel))
        {
            return false;
        }

        foreach (var authorizer in authorizers)
        {
            if (!await authorizer.CanSubscribeAsync(principal, channel, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }
}
