using System.Net.WebSockets;
using System.Threading.RateLimiting;
using Herald.Sessions;

namespace Herald.AspNetCore.Transport.WebSockets;

/// <summary>
/// An upgraded connection with its session, and the leases it holds for its life. Holds nothing of
/// the upgrade request, so a transport that lets go of the request keeps only this.
/// </summary>
internal sealed class AcceptedWebSocket(HeraldSession session, WebSocket socket, RateLimitLease ipLease, RateLimitLease? credentialLease) : IDisposable
{
    public WebSocket Socket => socket;

    public Task RunAsync(CancellationToken aborted) => session.RunAsync(aborted);

    public void Dispose()
    {
        socket.Dispose();
        credentialLease?.Dispose();
        ipLease.Dispose();
    }
}
