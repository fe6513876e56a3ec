using Herald.Security.ApiKeys;
using Herald.Security.Tickets;
using Herald.Storage.Sqlite;
using Herald.Storage.Sqlite.Keys;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class SqliteKeyServiceCollectionExtensions
{
    /// <summary>API keys and ticket single-use in the embedded database; needs a <see cref="SqliteDatabase"/> registered.</summary>
    public static IServiceCollection AddHeraldSqliteKeys(this IServiceCollection services)
    {
        services.RemoveAll<IApiKeyStore>();
        services.RemoveAll<ITicketStore>();
        services.AddSingleton<IApiKeyStore, SqliteApiKeyStore>();
        services.AddSingleton<ITicketStore, SqliteTicketStore>();
        return services;
    }
}
