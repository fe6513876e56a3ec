using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Herald.AspNetCore.Transport.WebSockets.Lean;

/// <summary>
/// <c>AcceptWebSocketAsync</c> for a request the lean handler parsed: the 101 answer straight onto the
/// connection, then the BCL's WebSocket over the connection's pipes, as ASP.NET Core's middleware would build it.
/// </summary>
internal sealed class LeanWebSocketFeature(ConnectionContext connection, UpgradeRequest request, IHttpResponseFeature response) : IHttpWebSocketFeature
{
    // ASP.NET Core's WebSocketOptions default, for a caller that leaves it unset.
    private static readonly TimeSpan DefaultKeepAliveInterval = TimeSpan.FromMinutes(2);

    public bool IsWebSocketRequest => true;

    public bool Upgraded { get; private set; }

    public async Task<WebSocket> AcceptAsync(WebSocketAcceptContext context)
    {
        Upgraded = true;
        await HandshakeResponses.WriteSwitchingProtocolsAsync(connection.Transport.Output, request.Key, context.SubProtocol, response.Headers, connection.ConnectionClosed);
        var stream = new PipeDuplexStream(connection);
        stream.Owner = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions
        {
            IsServer = true,
            SubProtocol = context.SubProtocol,
            KeepAliveInterval = context.KeepAliveInterval ?? DefaultKeepAliveInterval,
            KeepAliveTimeout = context.KeepAliveTimeout ?? Timeout.InfiniteTimeSpan,
        });
        return stream.Owner;
    }
}
