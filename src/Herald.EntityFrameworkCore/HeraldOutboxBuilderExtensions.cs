using Herald.EntityFrameworkCore.Relay;
using Microsoft.EntityFrameworkCore;

namespace Microsoft.Extensions.DependencyInjection;

public static class HeraldOutboxBuilderExtensions
{
    /// <summary>The outbox relay for <typeparamref name="TContext"/>, into this application's Herald: <see cref="HeraldOutboxServiceCollectionExtensions.AddHeraldOutboxRelay{TContext}"/> on the builder.</summary>
    public static IHeraldBuilder AddOutboxRelay<TContext>(this IHeraldBuilder herald, Action<HeraldOutboxRelayOptions>? configure = null)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(herald);
        herald.Services.AddHeraldOutboxRelay<TContext>(configure);
        return herald;
    }
}
