using Herald.Bus;
using Herald.Cluster;
using Herald.Composition;
using Herald.Configuration;
using Herald.Log;
using Herald.Security;
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

public static class PostgresHeraldBuilderExtensions
{
    /// <summary>
    /// Makes PostgreSQL Herald's log, bus (LISTEN/NOTIFY), cluster membership and store of API keys
    /// and used tickets, bound to <paramref name="configuration"/> (usually the <c>Herald:Postgres</c>
    /// section, which the start-up key check then accepts). Replaces the in-memory defaults; an
    /// application key store (<c>AddApiKeys</c>) still wins over the key table. Tables are created on start.
    /// </summary>
    public static IHeraldBuilder UsePostgres(this IHeraldBuilder herald, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(herald);
        ArgumentNullException.ThrowIfNull(configuration);
        herald.Services.BindHeraldSection<PostgresOptions>(configuration);
        return herald.UsePostgresCore();
    }

    public static IHeraldBuilder UsePostgres(this IHeraldBuilder herald, Action<PostgresOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(herald);
        ArgumentNullException.ThrowIfNull(configure);
        herald.Services.AddOptions<PostgresOptions>().Configure(configure);
        return herald.UsePostgresCore();
    }

    private static IHeraldBuilder UsePostgresCore(this IHeraldBuilder herald)
    {
        var services = herald.Services;
        var composition = HeraldComposition.Of(services);
        composition.UseStore("PostgreSQL");
        composition.UseBus("PostgreSQL's LISTEN/NOTIFY");
        services.AddOptions<PostgresOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresOptions>, PostgresOptionsValidator>());
        services.TryAddSingleton<PostgresDatabase>();
        services.TryAddSingleton<ChannelCursors>();
        services.RemoveAll<IEventLog>();
        services.AddSingleton<IEventLog>(sp => new PostgresEventLog(
            sp.GetRequiredService<PostgresDatabase>(),
            sp.GetRequiredService<ChannelCursors>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<PostgresEventLog>>()));
        services.RemoveAll<IEventBus>();
        services.AddSingleton<IEventBus, PostgresEventBus>();
        services.TryAddSingleton(sp => new PostgresMembership(
            sp.GetRequiredService<PostgresDatabase>(),
            sp.GetRequiredService<IOptions<HeraldOptions>>().Value.NodeId,
            sp.GetRequiredService<INodeStatsReport>().ToJson,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<PostgresMembership>>()));
        services.RemoveAll<IClusterView>();
        services.AddSingleton<IClusterView>(sp => sp.GetRequiredService<PostgresMembership>());
        services.AddHostedService(sp => sp.GetRequiredService<PostgresMembership>());
        services.AddHostedService<PostgresMaintenance>();

        // Keys and tickets live with the log, so revocation and single use hold across nodes.
        composition.UseStoreKeys<PostgresApiKeyStore, PostgresTicketStore>(services);
        return herald;
    }
}
