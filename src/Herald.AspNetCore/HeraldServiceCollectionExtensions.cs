using Herald.AspNetCore.Authentication;
using Herald.AspNetCore.Health;
using Herald.AspNetCore.Http;
using Herald.AspNetCore.Hosting;
using Herald.AspNetCore.Transport;
using Herald.AspNetCore.Transport.WebSockets.Lean;
using Herald.Bus;
using Herald.Cluster;
using Herald.Composition;
using Herald.Configuration;
using Herald.Diagnostics;
using Herald.History;
using Herald.Hub;
using Herald.Limits;
using Herald.Log;
using Herald.Log.Memory;
using Herald.Security;
using Herald.Security.ApiKeys;
using Herald.Security.Tickets;
using Herald.Sessions;
using Herald.Sources;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class HeraldServiceCollectionExtensions
{
    /// <summary>
    /// Adds Herald: the publisher (<see cref="IHeraldPublisher"/>), log, bus, hub, sessions and
    /// authentication, bound to <paramref name="configuration"/> (usually the <c>Herald</c> section).
    /// The log, bus and key stores start in memory; the returned builder replaces them
    /// (<c>UseSqlite</c>, <c>UsePostgres</c>, <c>AddApiKeys</c>) and adds the cluster feed
    /// (<c>AddCluster</c>), in any order.
    /// </summary>
    public static IHeraldBuilder AddHerald(this IServiceCollection services, IConfiguration? configuration = null, Action<HeraldOptions>? configure = null)
    {
        var options = services.AddOptions<HeraldOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration);
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HeraldOptions>, HeraldOptionsValidator>());
        if (configuration is IConfigurationSection)
        {
            services.AddOptions<HeraldConfigurationKeys>();
            services.AddSingleton<IValidateOptions<HeraldOptions>>(sp =>
                new HeraldConfigurationKeysValidator(configuration, sp.GetRequiredService<IOptions<HeraldConfigurationKeys>>()));
        }

        services.TryAddSingleton<HeraldMarker>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<HeraldCounters>();
        services.AddMetrics();
        services.TryAddSingleton<HeraldMetrics>();
        services.TryAddSingleton<NamespaceRules>();
        services.TryAddSingleton<ChannelAccess>();

        // log → bus → hub: the data flow, each stage replaceable.
        services.TryAddSingleton<IEventLog>(sp => new InMemoryEventLog(sp.GetRequiredService<TimeProvider>()));

        // Whatever the store, what a resume or a history page is given is decided here, in Core.
        services.TryAddSingleton(sp => new CatchUpReader(
            sp.GetRequiredService<IEventLog>(), sp.GetRequiredService<NamespaceRules>().RetentionOf, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new ChannelHistory(sp.GetRequiredService<IEventLog>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IEventBus, InProcessEventBus>();
        services.TryAddSingleton<PublishValidator>();
        services.TryAddSingleton<PublishPipeline>();
        services.TryAddSingleton<IHeraldPublisher>(sp => sp.GetRequiredService<PublishPipeline>());
        services.TryAddSingleton<HeraldHub>();
        services.TryAddSingleton<SessionRegistry>();
        services.TryAddSingleton<SessionServices>();
        services.TryAddSingleton<RateSampler>();
        services.TryAddSingleton<LocalNodeStats>();
        services.TryAddSingleton(sp =>
        {
            var hub = sp.GetRequiredService<HeraldHub>();
            return new HeraldMonitor(() => hub.Channels, sp.GetRequiredService<HeraldCounters>());
        });
        services.TryAddSingleton<INodeStatsReport, NodeStatsReport>();

        services.TryAddSingleton<ITokenValidator, JwtTokenValidator>();
        services.TryAddSingleton<DevTokenIssuer>();
        services.TryAddSingleton<IApiKeyStore, InMemoryApiKeyStore>();
        services.TryAddSingleton<ApiKeyService>();
        services.TryAddSingleton<ITicketStore, InMemoryTicketStore>();
        services.TryAddSingleton<TicketService>();

        // After the JWT, in the order of PROTOCOL.md §1: API key, then ticket.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICredentialValidator, ApiKeyCredentialValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICredentialValidator, TicketCredentialValidator>());
        services.AddHeraldAuthentication();
        services.TryAddSingleton<OriginPolicy>();
        services.TryAddSingleton<ISharedLimiter, LocalLimiter>();
        services.TryAddSingleton<ConnectionLimiter>();
        services.TryAddSingleton<WebSocketMounts>();
        services.TryAddSingleton<PublishRateLimiter>();
        services.TryAddSingleton<PublishServices>();

        // Hosting's "Request starting" line carries the query string, and with it ?token=,
        // ?api_key= and ?ticket=: keep that category quiet so no secret reaches a log.
        services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning));

        services.AddHostedService<HubDispatcher>();
        services.AddHostedService<HeartbeatMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<RateSampler>());
        services.AddHostedService<GracefulShutdown>();
        services.TryAddSingleton<BusStallGuard>();
        services.AddHostedService(sp => sp.GetRequiredService<BusStallGuard>());
        services.AddHostedService<KeyRevocationMonitor>();
        services.AddHostedService<StartupAdvisor>();
        services.AddOptions<HostOptions>().Configure<IOptions<HeraldOptions>>((host, herald) =>
        {
            // Kestrel must not abort connections before they were told 1001 and drained.
            var needed = herald.Value.DrainTimeout + TimeSpan.FromSeconds(5);
            if (host.ShutdownTimeout < needed)
            {
                host.ShutdownTimeout = needed;
            }
        });

        services.AddProblemDetails();
        services.TryAddSingleton<ApiRoutes>();
        services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, ApiErrorStartupFilter>());
        services.AddHealthChecks().AddCheck<LogHealthCheck>("log", tags: ["ready"]);
        HeraldComposition.Of(services);
        return new HeraldBuilder(services);
    }
}
