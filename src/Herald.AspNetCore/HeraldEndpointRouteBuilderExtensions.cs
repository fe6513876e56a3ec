using Herald.AspNetCore.Authentication;
using Herald.AspNetCore.Health;
using Herald.AspNetCore.Hosting;
using Herald.AspNetCore.Http;
using Herald.AspNetCore.Transport;
using Herald.AspNetCore.Transport.ServerSentEvents;
using Herald.AspNetCore.Transport.WebSockets;
using Herald.AspNetCore.Transport.WebSockets.Lean;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

public static class HeraldEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Mounts a Herald WebSocket endpoint at <paramref name="pattern"/>, its Server-Sent Events
    /// stream at <c>pattern/events</c> and its ticket office at <c>pattern/ticket</c>. Several mounts
    /// per application are fine; each may subscribe its connections to channels at connect.
    /// </summary>
    public static IEndpointConventionBuilder MapHerald(this IEndpointRouteBuilder endpoints, string pattern = "/ws", Action<HeraldMountOptions>? configure = null)
    {
        Prerequisites.RequireHerald(endpoints, nameof(MapHerald));
        var mount = new HeraldMountOptions();
        configure?.Invoke(mount);
        var endpoint = new WebSocketEndpoint(mount);
        endpoints.ServiceProvider.GetRequiredService<WebSocketMounts>().Add(pattern, endpoint);

        // A sub-pipeline with the WebSocket middleware, as SignalR does, so the host app
        // needs no UseWebSockets() of its own.
        var pipeline = endpoints.CreateApplicationBuilder();
        pipeline.UseWebSockets();
        pipeline.Run(endpoint.HandleAsync);
        endpoints.MapHeraldTicket(pattern.TrimEnd('/') + "/ticket", cookiePath: pattern);
        var events = new SseEndpoint(mount, cookiePath: pattern);
        endpoints.MapGet(pattern.TrimEnd('/') + "/events", events.HandleAsync)
            .WithDisplayName($"Herald Server-Sent Events {pattern}/events")
            .ExcludeFromDescription();
        return endpoints.MapGet(pattern, pipeline.Build())
            .WithDisplayName($"Herald WebSocket {pattern}")
            .ExcludeFromDescription();
    }

    /// <summary>
    /// Sells tickets at an application's own route (e.g. <c>POST /storage/monitor</c>); the cookie
    /// is scoped to <paramref name="cookiePath"/>, the mount it is for.
    /// </summary>
    public static RouteHandlerBuilder MapHeraldTicket(this IEndpointRouteBuilder endpoints, string pattern, string cookiePath)
    {
        Prerequisites.RequireHerald(endpoints, nameof(MapHeraldTicket));
        var ticket = new TicketEndpoint(cookiePath);
        endpoints.ServiceProvider.GetRequiredService<ApiRoutes>().AddPath(pattern);
        return endpoints.MapPost(pattern, ticket.Handle)
            .RequireHerald(HeraldPolicies.Authenticated)
            .WithName("Ticket " + pattern)
            .WithTags("Herald")
            .WithSummary("Buy a single-use ticket (default 5 s) for a WebSocket upgrade, as JSON and as a cookie.")
            .Produces<TicketResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
    }

    /// <summary>
    /// Maps the HTTP API of PROTOCOL.md §8 under <paramref name="prefix"/>: publish, batch, stats, channels, history, keys.
    /// Every error under the prefix, the framework's included, is problem details with a <c>code</c>;
    /// the prefix is taken from the application's root.
    /// </summary>
    public static RouteGroupBuilder MapHeraldApi(this IEndpointRouteBuilder endpoints, string prefix = "/api")
    {
        Prerequisites.RequireHerald(endpoints, nameof(MapHeraldApi));
        endpoints.ServiceProvider.GetRequiredService<ApiRoutes>().AddPrefix(prefix);
        var api = endpoints.MapGroup(prefix).WithTags("Herald");
        PublishEndpoints.Map(api);
        StatsEndpoints.Map(api);
        HistoryEndpoints.Map(api);
        KeyEndpoints.Map(api);
        return api;
    }

    /// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (log and bus reachable).</summary>
    public static IEndpointRouteBuilder MapHeraldHealth(this IEndpointRouteBuilder endpoints, string prefix = "/health")
    {
        Prerequisites.RequireHerald(endpoints, nameof(MapHeraldHealth));
        endpoints.MapHealthChecks(prefix + "/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponseWriter.WriteAsync });
        endpoints.MapHealthChecks(prefix + "/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthResponseWriter.WriteAsync });
        return endpoints;
    }
}
