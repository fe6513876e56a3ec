using Herald.Bus;
using Herald.Log;
using Herald.Storage.Redis.Bus;
using Herald.Storage.Redis.Log;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Herald.Storage.Redis;

/// <summary>The log and the bus: each channel's stream on its instance, and the notifications every node listens to.</summary>
internal static class RedisLogServices
{
    public static void Add(IServiceCollection services)
    {
        services.TryAddSingleton<DeliveryCursors>();
        services.RemoveAll<IEventLog>();
        services.AddSingleton<IEventLog>(sp => new RedisEventLog(
            sp.GetRequiredService<RedisConnections>(),
            sp.GetRequiredService<DeliveryCursors>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<RedisEventLog>>()));
        services.RemoveAll<IEventBus>();
        services.AddSingleton<IEventBus, RedisEventBus>();
    }
}
