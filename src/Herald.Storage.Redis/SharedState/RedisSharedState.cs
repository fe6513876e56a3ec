using Herald.Composition;
using Microsoft.Extensions.DependencyInjection;

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
    }
}
