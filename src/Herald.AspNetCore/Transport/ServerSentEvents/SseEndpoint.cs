using Herald.AspNetCore.Authentication;
using Herald.AspNetCore.Health;
using Herald.AspNetCore.Http;
using Herald.Configuration;
using Herald.Protocol;
using Herald.Security;
using Herald.Security.Tickets;
using Herald.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Herald.AspNetCore.Transport.ServerSentEvents;

/// <summary>
/// <c>GET &lt;mount&gt;/events</c>: the mount's protocol as Server-Sent Events. What an
/// <c>EventSource</c> must not retry (bad credentials, a refused channel, a malformed request) is
/// answered with an HTTP status and problem details: the browser gives up. What passes (draining,
/// a stalled bus, too many connections) is answered inside a stream with <c>error</c> and
/// <c>close</c>, since only a stream that ends makes the browser reconnect by itself.
/// </summary>
internal sealed class SseEndpoint(HeraldMountOptions mount, string cookiePath)
{
    // Long enough that a node restart is not hammered, short enough that a blip costs little.
    private const int ReconnectMilliseconds = 1_000;

    public async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptions<HeraldOptions>>().Value;
        if (!services.GetRequiredService<OriginPolicy>().IsAllowed(context.Request))
        {
            await Problems.Write(context, StatusCodes.Status403Forbidden, ErrorCodes.AccessDenied, "Origin not allowed", "This origin is not in Herald:AllowedOrigins.");
            return;
        }

        var limiter = services.GetRequiredService<ConnectionLimiter>();
        using var ipLease = await limiter.AcquireForIpAsync(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", context.RequestAborted);
        var outcome = await services.GetRequiredService<CredentialAuthenticator>().AuthenticateAsync(context, context.RequestAborted);
        if (!outcome.Succeeded)
        {
            await Problems.Write(context, Problems.StatusFor(outcome.ErrorCode!), outcome.ErrorCode!, "Not authenticated", outcome.Message!);
            return;
        }

        var principal = outcome.Principal!;
        if (principal.Kind == CredentialKind.Ticket)
        {
            ReissueTicket(context, services.GetRequiredService<TicketService>(), principal, options);
        }

        if (!SseRequest.TryParse(context.Request, mount.Subscriptions, principal.Subject, Math.Min(options.MaxStreamChannels, options.MaxSubscriptions), out var request, out var error))
        {
            await Problems.Write(context, StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, "Bad stream request", error!);
            return;
        }

        if (await SseAccess.RefusalAsync(services, principal, request!.Channels, context.RequestAborted) is { } refusal)
        {
            await Problems.Write(context, Problems.StatusFor(refusal.Code), refusal.Code, "Channel refused", refusal.Message);
            return;
        }

        using var credentialLease = await limiter.AcquireForCredentialAsync(principal, context.RequestAborted);
        if (!ipLease.IsAcquired || !credentialLease.IsAcquired)
        {
            await RefuseAsync(context, ErrorCodes.RateLimitExceeded, "Too many connections from this address or with this credential.", CloseCodes.RateLimited);
            return;
        }

        if (services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested
            || await services.GetRequiredService<BusStallGuard>().RefusesConnectionsAsync(context.RequestAborted))
        {
            await RefuseAsync(context, ErrorCodes.Internal, "This node cannot deliver events right now; reconnecting reaches another node.", CloseCodes.GoingAway);
            return;
        }

        await StartStreamAsync(context);
        var transport = new SseTransport(context, new StreamVector(request.Channels, request.ResumeAt));
        var session = new HeraldSession(transport, principal, request.Subscriptions, services.GetRequiredService<SessionServices>(), request.ResumeAt);
        try
        {
            await session.RunAsync(context.RequestAborted);
        }
        finally
        {
            transport.Finish();
        }
    }

    /// <summary>The ticket was used up by this request; the browser's reconnect needs another.</summary>
    private void ReissueTicket(HttpContext context, TicketService tickets, HeraldPrincipal principal, HeraldOptions options)
    {
        var lifetime = TimeSpan.FromSeconds(options.StreamTicketLifetime);
        TicketCookie.Append(context, tickets.Issue(principal, lifetime), cookiePath, lifetime);
    }

    private static async Task StartStreamAsync(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache, no-store";
        // Proxies that buffer (nginx) would hold events back until the buffer fills.
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        SseFrames.WriteRetry(response.BodyWriter, ReconnectMilliseconds);
        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    private static async Task RefuseAsync(HttpContext context, string code, string message, int closeCode)
    {
        await StartStreamAsync(context);
        SseFrames.WriteData(context.Response.BodyWriter, SseFrames.Error(code, message));
        SseFrames.WriteData(context.Response.BodyWriter, SseFrames.Close(closeCode, message));
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }
}
