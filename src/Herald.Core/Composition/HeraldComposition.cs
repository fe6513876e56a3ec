using Herald.Security.ApiKeys;
using Herald.Security.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Herald.Composition;

/// <summary>
/// The builder's choices, kept in the service collection so every builder call sees the others.
/// A choice replaces the default it stands for; where two could claim the same service (a store's
/// key store and the application's own), the more specific one wins whichever came first.
/// Public for store packages (SQLite, PostgreSQL, and any later one): their <c>Use…</c> builder
/// calls record what they take over here, so a second store fails where it is called.
/// </summary>
public sealed class HeraldComposition
{
    private string? _store;
    private string? _bus;
    private bool _applicationKeys;

    public static HeraldComposition Of(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(HeraldComposition) && descriptor.ImplementationInstance is HeraldComposition composition)
            {
                return composition;
            }
        }

        var created = new HeraldComposition();
        services.AddSingleton(created);
        return created;
    }

    /// <summary>
    /// Records the one store; a second would make the result depend on which came last, so it is
    /// refused instead.
    /// </summary>
    public void UseStore(string name)
    {
        if (_store is not null)
        {
            throw new InvalidOperationException($"Herald already uses the {_store} store, so {name} cannot be added too: choose one store per application.");
        }

        _store = name;
    }

    /// <summary>A bus of the application's own; a store with a bus of its own (PostgreSQL) refuses it, whichever came first.</summary>
    public void UseBus(string name)
    {
        if (_bus is not null)
        {
            throw new InvalidOperationException($"Herald's event bus is already {_bus}, so {name} cannot be added too: choose one bus.");
        }

        _bus = name;
    }

    /// <summary>The store keeps tickets, and API keys unless the application brought its own.</summary>
    public void UseStoreKeys<TApiKeys, TTickets>(IServiceCollection services)
        where TApiKeys : class, IApiKeyStore
        where TTickets : class, ITicketStore
    {
        services.RemoveAll<ITicketStore>();
        services.AddSingleton<ITicketStore, TTickets>();
        if (!_applicationKeys)
        {
            services.RemoveAll<IApiKeyStore>();
            services.AddSingleton<IApiKeyStore, TApiKeys>();
        }
    }

    public void UseApplicationKeys(IServiceCollection services, ServiceDescriptor store)
    {
        if (_applicationKeys)
        {
            throw new InvalidOperationException("Herald already has an application API key store: call AddApiKeys once.");
        }

        _applicationKeys = true;
        services.RemoveAll<IApiKeyStore>();
        services.Add(store);
    }
}
