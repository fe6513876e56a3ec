using System.Text.Json;
using Herald.AspNetCore.Http;
using Herald.Bus;
using Herald.Cluster;
using Herald.Configuration;
using Herald.Log;
using Herald.Security;
using Herald.Security.ApiKeys;
using Herald.Security.Tickets;
using Herald.Storage.Postgres;
using Herald.Storage.Postgres.Bus;
using Herald.Storage.Postgres.Cluster;
using Herald.Storage.Postgres.Keys;
using Herald.Storage.Postgres.Log;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class PostgresServiceCollectionExtensions
{
    /// <summary>
    /// Makes PostgreSQL Herald's log, bus (LISTEN/NOTIFY) and cluster membership, bound to
    /// <paramref name="configuration"/> (the <c>Herald:Postgres</c> section). Call before
    /// <c>AddHerald</c>, whose in-memory defaults then stand aside. Tables are created on start.
    /// </summary>
    public static IServiceCollection AddHeraldPostgres(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PostgresOptions>().Bind(configuration);
        return services.AddHeraldPostgresCore();
    }

    public static IServiceCollection AddHeraldPostgres(this IServiceCollection services, Action<PostgresOptions> configure)
    {
        services.AddOptions<PostgresOptions>().Configure(configure);
        return services.AddHeraldPostgresCore();
    }

    private static IServiceCollection AddHeraldPostgresCore(this IServiceCollection services)
    {
        services.AddOptions<PostgresOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresOptions>, PostgresOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PostgresDatabase>();
        services.TryAddSingleton<ChannelCursors>();
        services.TryAddSingleton<IEventLog>(sp => new PostgresEventLog(
            sp.GetRequiredService<PostgresDatabase>(),
            sp.GetRequiredService<ChannelCursors>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<PostgresEventLog>>()));
        services.TryAddSingleton<IEventBus, PostgresEventBus>();
        services.TryAddSingleton(sp => new PostgresMembership(
            sp.GetRequiredService<PostgresDatabase>(),
            sp.GetRequiredService<IOptions<HeraldOptions>>().Value.NodeId,
            () => JsonSerializer.Serialize(StatsEndpoints.Local(sp)),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<PostgresMembership>>()));
        services.TryAddSingleton<IClusterView>(sp => sp.GetRequiredService<PostgresMembership>());
        services.AddHostedService(sp => sp.GetRequiredService<PostgresMembership>());
        services.AddHostedService<PostgresMaintenance>();

        // Keys and tickets live with the log, so revocation and single use hold across nodes.
        services.RemoveAll<IApiKeyStore>();
        services.RemoveAll<ITicketStore>();
        services.AddSingleton<IApiKeyStore, PostgresApiKeyStore>();
        services.AddSingleton<ITicketStore, PostgresTicketStore>();
        return services;
    }
}
