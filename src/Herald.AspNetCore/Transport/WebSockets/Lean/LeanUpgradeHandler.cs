using System.Net.WebSockets;
using Herald.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.AspNetCore.Transport.WebSockets.Lean;

/// <summary>
/// Kestrel connection middleware in front of HTTP/1.1: a connection whose first request is a WebSocket
/// upgrade to a mount is answered here and then keeps only the socket's pipes, the BCL WebSocket and the
/// session, not Kestrel's upgraded request (its connection, request and response state, header collections,
/// two more pipes: about 10 KB per idle connection). Every other connection, and every request this does not
/// fully understand, goes on to Kestrel with its bytes untouched.
/// </summary>
internal sealed partial class LeanUpgradeHandler
{
    private readonly ConnectionDelegate _next;
    private readonly WebSocketMounts _mounts;
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly UpgradeLimits _limits;
    private readonly TimeSpan _headTimeout;
    private readonly ForwardedHeadersMiddleware? _forwarded;

    public LeanUpgradeHandler(ConnectionDelegate next, IServiceProvider services)
    {
        _next = next;
        _mounts = services.GetRequiredService<WebSocketMounts>();
        _scopes = services.GetRequiredService<IServiceScopeFactory>();
        _time = services.GetRequiredService<TimeProvider>();
        _logger = services.GetRequiredService<ILogger<LeanUpgradeHandler>>();
        var kestrel = services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;
        // The whole head within the headers' own limit: stricter than Kestrel, so never more lenient.
        _limits = new UpgradeLimits(kestrel.MaxRequestHeadersTotalSize, kestrel.MaxRequestLineSize, kestrel.MaxRequestHeaderCount, services.GetRequiredService<IOptions<HeraldOptions>>().Value.EnableCompression);
        _headTimeout = kestrel.RequestHeadersTimeout;

        // The one middleware a host puts in front of every endpoint by configuration alone (as the host
        // reads it): the client's address and scheme behind a proxy, for Origin and per-IP limits.
        if (string.Equals(services.GetRequiredService<IConfiguration>()["FORWARDEDHEADERS_ENABLED"], "true", StringComparison.OrdinalIgnoreCase))
        {
            _forwarded = new ForwardedHeadersMiddleware(_ => Task.CompletedTask, services.GetRequiredService<ILoggerFactory>(), services.GetRequiredService<IOptions<ForwardedHeadersOptions>>());
        }
    }

    public async Task OnConnectionAsync(ConnectionContext connection)
    {
        // The request lives in HandshakeAsync's frame only: a local here would stay referenced, with its
        // headers and token, from this method's state machine for the connection's whole life.
        var (upgrade, accepted) = await HandshakeAsync(connection);
        if (!upgrade)
        {
            await _next(connection);
        }
        else if (accepted is not null)
        {
            await RunAsync(connection, accepted);
        }
    }

    private static async Task RunAsync(ConnectionContext connection, AcceptedWebSocket accepted)
    {
        bool closedCleanly;
        try
        {
            await accepted.RunAsync(connection.ConnectionClosed);
        }
        finally
        {
            closedCleanly = accepted.Socket.State == WebSocketState.Closed;
            accepted.Dispose();
        }

        if (!closedCleanly)
        {
            // An aborted WebSocket (dead or slow peer) drops what is still unsent, as Abort means.
            connection.Abort();
        }
    }

    /// <summary>The first request's head, or null to hand the connection on (nothing consumed).</summary>
    private async ValueTask<UpgradeRequest?> ReadUpgradeAsync(ConnectionContext connection)
    {
        var input = connection.Transport.Input;

        // Wall-clock, as Kestrel's own header timeout is: a test clock that stands still must not hold a socket.
        using var timeout = new CancellationTokenSource(_headTimeout, TimeProvider.System);
        using var closing = connection.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested
            .Register(static s => ((CancellationTokenSource)s!).Cancel(), timeout);
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(timeout.Token);
                var buffer = result.Buffer;
                switch (UpgradeRequestParser.TryParse(buffer, _mounts, _limits, out var request, out var end))
                {
                    case UpgradeParse.Upgrade:
                        input.AdvanceTo(end);
                        return request;
                    case UpgradeParse.NeedMore when !result.IsCompleted && !result.IsCanceled:
                        input.AdvanceTo(buffer.Start, buffer.End);
                        break;
                    default:
                        // Consumed and examined nothing: Kestrel's first read sees the same bytes at once.
                        input.AdvanceTo(buffer.Start);
                        return null;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ConnectionAbortedException)
        {
            // Slow, shutting down or gone: Kestrel's own timeouts and errors take it from here.
            return null;
        }
    }

    /// <summary>Upgrade false: not one for this handler. Accepted null: answered (a status, or a close code).</summary>
    private async Task<(bool Upgrade, AcceptedWebSocket? Accepted)> HandshakeAsync(ConnectionContext connection)
    {
        if (await ReadUpgradeAsync(connection) is not { } request)
        {
            return (false, null);
        }

        await using var scope = _scopes.CreateAsyncScope();
        var context = new HandshakeContext(connection, request, scope.ServiceProvider);
        try
        {
            _forwarded?.ApplyForwarders(context.Http);
            var accepted = await request.Endpoint.AcceptAsync(context.Http);
            if (!context.WebSocket.Upgraded)
            {
                var body = await context.BodyAsync();
                await HandshakeResponses.WriteStatusAsync(connection.Transport.Output, context.Http.Response, body, _time.GetUtcNow(), connection.ConnectionClosed);
            }

            return (true, accepted);
        }
        catch (Exception ex) when (connection.ConnectionClosed.IsCancellationRequested && ex is OperationCanceledException or IOException or ConnectionAbortedException or WebSocketException)
        {
            // The client left mid-handshake (its cancellation reached a limiter or the 101): nobody to answer,
            // and not a fault, as Kestrel treats an aborted request.
            return (true, null);
        }
        catch (Exception ex) when (!context.WebSocket.Upgraded && !connection.ConnectionClosed.IsCancellationRequested)
        {
            // Kestrel answers an endpoint's exception with 500 and logs it; so does this.
            Log.HandshakeFailed(_logger, connection.ConnectionId, ex);
            context.Http.Response.Clear();
            context.Http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await HandshakeResponses.WriteStatusAsync(connection.Transport.Output, context.Http.Response, ReadOnlyMemory<byte>.Empty, _time.GetUtcNow(), connection.ConnectionClosed);
            return (true, null);
        }
    }
}
