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
        var access = services.GetRequiredService<ChannelAccess>();
        foreach (var channel in channels)
        {
            var verdict = await access.CheckSubscribeAsync(principal, channel, cancellationToken);
            if (verdict.Refusal == ChannelRefusal.Denied)
            {
                return new ProtocolError(ErrorCodes.AccessDenied, $"Not allowed to subscribe to '{channel}'.", default);
            }

            if (!verdict.Allowed)
            {
                return new ProtocolError(verdict.ErrorCode!, verdict.Message!, default);
            }
        }

        return null;
    }
}
