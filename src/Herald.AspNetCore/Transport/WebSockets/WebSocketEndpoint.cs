using System.Net.WebSockets;
using System.Threading.RateLimiting;
using Herald.AspNetCore.Authentication;
using Herald.AspNetCore.Health;
using Herald.AspNetCore.Http;
using Herald.Configuration;
using Herald.Protocol;
using Herald.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Herald.AspNetCore.Transport.WebSockets;

/// <summary>
/// Where a connection enters: checks that can answer with an HTTP status (no upgrade, Origin,
/// shutting down, bus stalled) run before the upgrade; authentication failures complete the upgrade and
/// answer with <c>error</c> + 4001, because browsers cannot read a failed upgrade's status.
/// </summary>
internal sealed class WebSocketEndpoint(HeraldMountOptions mount)
{
    private static readonly TimeSpan RejectCloseTimeout = TimeSpan.FromSeconds(2);

    public async Task HandleAsync(HttpContext context)
    {
        using var accepted = await AcceptAsync(context);
        if (accepted is not null)
        {
            await accepted.RunAsync(context.RequestAborted);
        }
    }

    /// <summary>
    /// Everything up to a running session, shared by the endpoint and the lean connection handler
    /// (which lets go of the request once this returns). Null when the request was answered instead:
    /// with an HTTP status, or upgraded and closed with a close code.
    /// </summary>
    public async Task<AcceptedWebSocket?> AcceptAsync(HttpContext context)
    {
        var services = context.RequestServices;
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Problems.Write(context, StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, "WebSocket upgrade required", "This endpoint speaks the Herald protocol over WebSocket.");
            return null;
        }

        if (services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested)
        {
            await Problems.Write(context, StatusCodes.Status503ServiceUnavailable, ErrorCodes.Internal, "Shutting down", "This node is draining; connect to another node.");
            return null;
        }

        if (await services.GetRequiredService<BusStallGuard>().RefusesConnectionsAsync(context.RequestAborted))
        {
            await Problems.Write(context, StatusCodes.Status503ServiceUnavailable, ErrorCodes.Internal, "Event store unreachable", "This node cannot deliver events right now; connect to another node.");
            return null;
        }

        if (!services.GetRequiredService<OriginPolicy>().IsAllowed(context.Request))
        {
            await Problems.Write(context, StatusCodes.Status403Forbidden, ErrorCodes.AccessDenied, "Origin not allowed", "This origin is not in Herald:AllowedOrigins.");
            return null;
        }

        var limiter = services.GetRequiredService<ConnectionLimiter>();
        RateLimitLease? ipLease = limiter.AcquireForIp(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        RateLimitLease? credentialLease = null;
        WebSocket? socket = null;
        try
        {
            if (!ipLease.IsAcquired)
            {
                await TooManyAsync(context, "Too many connections from this address.");
                return null;
            }

            var outcome = await services.GetRequiredService<CredentialAuthenticator>().AuthenticateAsync(context, context.RequestAborted);
            credentialLease = outcome.Succeeded ? limiter.AcquireForCredential(outcome.Principal!) : null;
            if (credentialLease is { IsAcquired: false })
            {
                await TooManyAsync(context, "Too many connections with this credential.");
                return null;
            }

            var options = services.GetRequiredService<IOptions<HeraldOptions>>().Value;
            socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
            {
                DangerousEnableCompression = options.EnableCompression,
                // The protocol's own ping/pong keeps connections alive and detects dead peers; a keep-alive
                // timer per socket as well would only cost memory on every idle connection.
                KeepAliveInterval = TimeSpan.Zero,
            });
            if (!outcome.Succeeded)
            {
                await RejectAsync(socket, outcome.ErrorCode!, outcome.Message!, CloseCodes.NotAuthenticated);
                return null;
            }

            if (!ConnectPositions.TryParse(context.Request.Query[ConnectPositions.QueryName], out var resumeAt, out var badSince))
            {
                // A client bug, not a passing fault: 4400 tells it not to retry the same URL.
                await RejectAsync(socket, ErrorCodes.BadRequest, badSince!, CloseCodes.TooManyErrors);
                return null;
            }

            var session = new HeraldSession(new WebSocketTransport(socket, options.MaxFrameBytes), outcome.Principal!, mount.Subscriptions, services.GetRequiredService<SessionServices>(), resumeAt);
            var accepted = new AcceptedWebSocket(session, socket, ipLease, credentialLease);
            (socket, ipLease, credentialLease) = (null, null, null);
            return accepted;
        }
        finally
        {
            // Whatever was not handed to a session.
            socket?.Dispose();
            credentialLease?.Dispose();
            ipLease?.Dispose();
        }
    }

    private static Task TooManyAsync(HttpContext context, string detail)
    {
        context.Response.Headers.RetryAfter = "1";
        return Problems.Write(context, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimitExceeded, "Too many connections", detail);
    }

    private static async Task RejectAsync(WebSocket socket, string code, string message, int closeCode)
    {
        using var timeout = new CancellationTokenSource(RejectCloseTimeout);
        try
        {
            await socket.SendAsync(ServerMessageWriter.Error(default, code, message), WebSocketMessageType.Text, true, timeout.Token);
            await socket.CloseAsync((WebSocketCloseStatus)closeCode, code, timeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The client left first; it has been told as much as it listened to.
        }
    }
}
