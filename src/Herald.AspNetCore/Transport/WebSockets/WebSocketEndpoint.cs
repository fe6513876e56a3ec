using System.Net.WebSockets;
using System.Threading.RateLimiting;
using Herald.AspNetCore.Authentication;
using Herald.AspNetCore.Health;
using Herald.AspNetCore.Http;
using Herald.Configuration;
using Herald.Protocol;
using Herald.Sessions;
using Herald.WireFormats;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Herald.AspNetCore.Transport.WebSockets;

/// <summary>
/// Where a connection enters: checks that can answer with an HTTP status (no upgrade, Origin,
/// shutting down, bus stalled) run before the upgrade; authentication failures complete the upgrade and
/// answer with the format's error + 4001, because browsers cannot read a failed upgrade's status
/// (so do connection limits, for formats that ask for it).
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

        var format = mount.WireFormat;
        var options = services.GetRequiredService<IOptions<HeraldOptions>>().Value;
        var limiter = services.GetRequiredService<ConnectionLimiter>();
        RateLimitLease? ipLease = await limiter.AcquireForIpAsync(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", context.RequestAborted);
        RateLimitLease? credentialLease = null;
        WebSocket? socket = null;
        try
        {
            if (!ipLease.IsAcquired)
            {
                await TooManyAsync(context, format, options, "Too many connections from this address.");
                return null;
            }

            var outcome = await services.GetRequiredService<CredentialAuthenticator>().AuthenticateAsync(context, context.RequestAborted);
            credentialLease = outcome.Succeeded ? await limiter.AcquireForCredentialAsync(outcome.Principal!, context.RequestAborted) : null;
            if (credentialLease is { IsAcquired: false })
            {
                await TooManyAsync(context, format, options, "Too many connections with this credential.");
                return null;
            }

            socket = await UpgradeAsync(context, format, options);
            if (!outcome.Succeeded)
            {
                await RejectAsync(socket, format, outcome.ErrorCode!, outcome.Message!, CloseCodes.NotAuthenticated);
                return null;
            }

            if (!ConnectPositions.TryParse(context.Request.Query[ConnectPositions.QueryName], out var resumeAt, out var badSince))
            {
                // A client bug, not a passing fault: 4400 tells it not to retry the same URL.
                await RejectAsync(socket, format, ErrorCodes.BadRequest, badSince!, CloseCodes.TooManyErrors);
                return null;
            }

            var principal = outcome.Principal!;
            // The lookups read the request during CreateConnection only; a format that kept them would keep
            // the (lean path's handshake) request alive for the whole connection.
            var wire = format.CreateConnection(new WireConnectContext(
                principal,
                mount.Subscriptions.Select(s => s.ChannelFor(principal.Subject)).ToList(),
                resumeAt,
                name => context.Request.Query[name].Where(v => v is not null).ToList()!,
                name => context.Request.Headers.TryGetValue(name, out var value) ? value.ToString() : null)
            {
                Time = services.GetRequiredService<TimeProvider>(),
            });
            var session = new HeraldSession(new WebSocketTransport(socket, options.MaxFrameBytes, format.CoalescesMessages), principal, mount.Subscriptions, services.GetRequiredService<SessionServices>(), resumeAt, wire);
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

    private static Task<WebSocket> UpgradeAsync(HttpContext context, WireFormat format, HeraldOptions options) =>
        context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            DangerousEnableCompression = options.EnableCompression,
            // Protocol v1's own ping/pong keeps connections alive and detects dead peers; a keep-alive
            // timer per socket as well would only cost memory on every idle connection. Formats whose
            // clients never answer pings rely on WebSocket pings, which every client answers by itself.
            KeepAliveInterval = format.ClosesSilentConnections ? TimeSpan.Zero : TimeSpan.FromSeconds(options.PingInterval),
            KeepAliveTimeout = format.ClosesSilentConnections ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(options.PingInterval + options.HeartbeatGrace),
        });

    private static async Task TooManyAsync(HttpContext context, WireFormat format, HeraldOptions options, string detail)
    {
        if (format.RejectsAfterUpgrade)
        {
            using var socket = await UpgradeAsync(context, format, options);
            await RejectAsync(socket, format, ErrorCodes.RateLimitExceeded, detail, CloseCodes.RateLimited);
            return;
        }

        context.Response.Headers.RetryAfter = "1";
        await Problems.Write(context, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimitExceeded, "Too many connections", detail);
    }

    private static async Task RejectAsync(WebSocket socket, WireFormat format, string code, string message, int closeCode)
    {
        using var timeout = new CancellationTokenSource(RejectCloseTimeout);
        try
        {
            if (format.Rejection(code, message) is { } rejection)
            {
                await socket.SendAsync(rejection, WebSocketMessageType.Text, true, timeout.Token);
            }

            await socket.CloseAsync((WebSocketCloseStatus)closeCode, code, timeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The client left first; it has been told as much as it listened to.
        }
    }
}
