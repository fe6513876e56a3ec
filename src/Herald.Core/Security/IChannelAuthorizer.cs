namespace Herald.Security;

/// <summary>
/// An application's own subscribe check, run after the namespace rules allowed a channel: for
/// ownership ("job 42 is alice's"). Return false to answer <c>ACCESS_DENIED</c>.
/// </summary>
public interface IChannelAuthorizer
{
    ValueTask<bool> CanSubscribeAsync(HeraldPrincipal principal, string channel, CancellationToken cancellationToken);
}
