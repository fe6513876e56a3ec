using Herald.Cluster;
using Herald.Composition;
using Herald.Configuration;
using Herald.Limits;
using Herald.Storage.Redis.Cluster;
using Herald.Storage.Redis.Keys;
using Herald.Storage.Redis.Limits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.Storage.Redis.SharedState;

/// <summary>
/// State every node must agree on, kept on <see cref="RedisConnections.Shared"/>: API keys and
/// their revocation, used tickets, cluster membership and cross-node rate limits.
/// </summary>
internal static class RedisSharedState
{
    public static void Add(IServiceCollection services, HeraldComposition composition)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(composition);
        services.TryAddSingleton(sp => new RedisMembership(
            sp.GetRequiredService<RedisConnections>(),
            sp.GetRequiredService<IOptions<HeraldOptions>>().Value.NodeId,
            sp.GetRequiredService<INodeStatsReport>().ToJson,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<RedisMembership>>()));
        services.RemoveAll<IClusterView>();
        services.AddSingleton<IClusterView>(sp => sp.GetRequiredService<RedisMembership>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisMembership>());
        AddLimits(services);

        // Keys and tickets live with the log, so revocation and single use hold across nodes.
        composition.UseStoreKeys<RedisApiKeyStore, RedisTicketStore>(services);
    }

    /// <summary>Rate and connection limits counted in Redis, alone (<c>UseRedisLimits</c>) or with the rest of the store.</summary>
    public static void AddLimits(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(RedisLimiter)))
        {
            return;
        }

        services.AddSingleton(sp => new RedisLimiter(
            sp.GetRequiredService<RedisConnections>(),
            sp.GetRequiredService<IOptions<HeraldOptions>>().Value.NodeId,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<RedisLimiter>>()));
        services.RemoveAll<ISharedLimiter>();
        services.AddSingleton<ISharedLimiter>(sp => sp.GetRequiredService<RedisLimiter>());
        services.AddHostedService<RedisLeaseRenewer>();
    }
}
