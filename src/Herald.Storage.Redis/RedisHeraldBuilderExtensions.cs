using Herald.Composition;
using Herald.Storage.Redis;
using Herald.Storage.Redis.SharedState;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class RedisHeraldBuilderExtensions
{
    /// <summary>
    /// Makes Redis Herald's log, bus (pub/sub) and shared state (API keys, tickets, membership, rate
    /// limits), bound to <paramref name="configuration"/> (usually the <c>Herald:Redis</c> section,
    /// which the start-up key check then accepts). Replaces the in-memory defaults; an application
    /// key store (<c>AddApiKeys</c>) still wins over the one in Redis.
    /// </summary>
    public static IHeraldBuilder UseRedis(this IHeraldBuilder herald, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(herald);
        ArgumentNullException.ThrowIfNull(configuration);
        herald.Services.BindHeraldSection<RedisOptions>(configuration);
        return herald.UseRedisCore();
    }

    public static IHeraldBuilder UseRedis(this IHeraldBuilder herald, Action<RedisOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(herald);
        ArgumentNullException.ThrowIfNull(configure);
        herald.Services.AddOptions<RedisOptions>().Configure(configure);
        return herald.UseRedisCore();
    }

    private static IHeraldBuilder UseRedisCore(this IHeraldBuilder herald)
    {
        var services = herald.Services;
        var composition = HeraldComposition.Of(services);
        composition.UseStore("Redis");
        composition.UseBus("Redis pub/sub");
        services.AddOptions<RedisOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisOptions>, RedisOptionsValidator>());
        services.TryAddSingleton<RedisConnections>();
        RedisLogServices.Add(services);
        RedisSharedState.Add(services, composition);
        return herald;
    }
}
