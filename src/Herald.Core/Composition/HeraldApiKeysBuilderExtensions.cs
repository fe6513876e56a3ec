using Herald.Composition;
using Herald.Security.ApiKeys;

namespace Microsoft.Extensions.DependencyInjection;

public static class HeraldApiKeysBuilderExtensions
{
    /// <summary>
    /// Keeps API keys in the application's own <typeparamref name="TStore"/> (a singleton). It wins
    /// over the in-memory default and over the store's key table, whichever call came first.
    /// </summary>
    public static IHeraldBuilder AddApiKeys<TStore>(this IHeraldBuilder herald)
        where TStore : class, IApiKeyStore
    {
        ArgumentNullException.ThrowIfNull(herald);
        HeraldComposition.Of(herald.Services).UseApplicationKeys(herald.Services, ServiceDescriptor.Singleton<IApiKeyStore, TStore>());
        return herald;
    }

    /// <inheritdoc cref="AddApiKeys{TStore}(IHeraldBuilder)"/>
    public static IHeraldBuilder AddApiKeys(this IHeraldBuilder herald, Func<IServiceProvider, IApiKeyStore> factory)
    {
        ArgumentNullException.ThrowIfNull(herald);
        ArgumentNullException.ThrowIfNull(factory);
        HeraldComposition.Of(herald.Services).UseApplicationKeys(herald.Services, ServiceDescriptor.Singleton(factory));
        return herald;
    }
}
