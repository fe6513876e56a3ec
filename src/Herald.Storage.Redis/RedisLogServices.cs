using Microsoft.Extensions.DependencyInjection;

namespace Herald.Storage.Redis;

/// <summary>The log and the bus: each channel's stream on its instance, and the notifications every node listens to.</summary>
internal static class RedisLogServices
{
    public static void Add(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
    }
}
