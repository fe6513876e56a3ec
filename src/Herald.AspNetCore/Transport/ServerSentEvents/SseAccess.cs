using Herald.Channels;
using Herald.Protocol;
using Herald.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.AspNetCore.Transport.ServerSentEvents;

/// <summary>
/// The stream's channels checked before it starts, with the session's own rules, so a refusal is
/// an HTTP status the browser stops at rather than a stream it would reopen forever.
/// </summary>
internal static class SseAccess
{
    public static async ValueTask<ProtocolError?> RefusalAsync(IServiceProvider services, HeraldPrincipal principal, IReadOnlyList<string> channels, CancellationToken cancellationToken)
    {
        var rules = services.GetRequiredService<NamespaceRules>();
        var authorizers = services.GetServices<IChannelAuthorizer>().ToArray();
        foreach (var channel in channels)
        {
            if (rules.Resolve(channel) is not { } policy)
            {
                return new ProtocolError(ErrorCodes.InvalidChannel, $"Unknown namespace '{ChannelName.NamespaceOf(channel)}'.", default);
            }

            if (!await SubscribeAccess.AllowsAsync(principal, policy, channel, authorizers, cancellationToken))
            {
                return new ProtocolError(ErrorCodes.AccessDenied, $"Not allowed to subscribe to '{channel}'.", default);
            }
        }

        return null;
    }
}
