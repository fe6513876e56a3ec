using Herald.EntityFrameworkCore.Relay;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class HeraldOutboxServiceCollectionExtensions
{
    /// <summary>
    /// Runs the relay for <typeparamref name="TContext"/>'s outbox as a hosted service: pending rows
    /// go to <see cref="Herald.Sources.IHeraldPublisher"/> in commit order, right after each commit
    /// in this process, on PostgreSQL's NOTIFY after commits made anywhere, and at every poll. Needs Herald (<c>AddHerald</c>) and the context.
    /// </summary>
    public static IServiceCollection AddHeraldOutboxRelay<TContext>(this IServiceCollection services, Action<HeraldOutboxRelayOptions>? configure = null)
        where TContext : DbContext
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<OutboxBatchPublisher>();
        var options = services.AddOptions<HeraldOutboxRelayOptions>(typeof(TContext).FullName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddHostedService<OutboxRelay<TContext>>();
        services.AddHostedService<PostgresOutboxListener<TContext>>();
        return services;
    }
}
