using Herald.Bus;
using Herald.Composition;
using Herald.Log;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class HeraldStoreBuilderExtensions
{
    /// <summary>
    /// Makes the application's own <see cref="IEventLog"/> Herald's log (a singleton), in place of
    /// the in-memory default. A store (<c>UseSqlite</c>, <c>UsePostgres</c>) is an alternative to it.
    /// </summary>
    public static IHeraldBuilder UseEventLog(this IHeraldBuilder herald, Func<IServiceProvider, IEventLog> factory)
    {
        ArgumentNullException.ThrowIfNull(herald);
        ArgumentNullException.ThrowIfNull(factory);
        HeraldComposition.Of(herald.Services).UseStore("application's own event log");
        herald.Services.RemoveAll<IEventLog>();
        herald.Services.AddSingleton(factory);
        return herald;
    }

    /// <summary>
    /// Makes the application's own <see cref="IEventBus"/> carry events between nodes, in place of
    /// the in-process default (PostgreSQL brings its own bus).
    /// </summary>
    public static IHeraldBuilder UseEventBus<TBus>(this IHeraldBuilder herald)
        where TBus : class, IEventBus
    {
        ArgumentNullException.ThrowIfNull(herald);
        HeraldComposition.Of(herald.Services).UseBus(typeof(TBus).Name);
        herald.Services.RemoveAll<IEventBus>();
        herald.Services.AddSingleton<IEventBus, TBus>();
        return herald;
    }
}
