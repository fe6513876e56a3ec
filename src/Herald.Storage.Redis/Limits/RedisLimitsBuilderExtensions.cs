using Herald.Composition;
using Herald.Storage.Redis;
using Herald.Storage.Redis.SharedState;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class RedisLimitsBuilderExtensions
{
    /// <summary>
    /// Counts Herald's limits (publishes per credential, connections per IP and per credential) and
    /// the application's own (<see cref="Herald.Limits.ISharedLimiter"/>) in Redis, for every
    /// instance of the application, while the log and keys stay where they are. <c>UseRedis</c>
    /// includes this.
    /// </summary>
    public static IHeraldBuilder UseRedisLimits(this IHeraldBuilder herald, Action<RedisOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(herald);
        ArgumentNullException.ThrowIfNull(configure);
        var services = herald.Services;
        services.AddOptions<RedisOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisOptions>, RedisOptionsValidator>());
        services.TryAddSingleton<RedisConnections>();
        RedisSharedState.AddLimits(services);
        return herald;
    }
}
