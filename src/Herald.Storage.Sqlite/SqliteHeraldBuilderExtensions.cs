using Herald.Composition;
using Herald.Log;
using Herald.Security;
using Herald.Storage.Sqlite;
using Herald.Storage.Sqlite.Keys;
using Herald.Storage.Sqlite.Log;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

public static class SqliteHeraldBuilderExtensions
{
    /// <summary>
    /// Makes the SQLite database at <paramref name="path"/> Herald's log and its store of API keys
    /// and used tickets (single node; the bus stays in-process). Replaces the in-memory defaults;
    /// an application key store (<c>AddApiKeys</c>) still wins over the key table.
    /// </summary>
    public static IHeraldBuilder UseSqlite(this IHeraldBuilder herald, string path)
    {
        ArgumentNullException.ThrowIfNull(herald);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var services = herald.Services;
        var composition = HeraldComposition.Of(services);
        composition.UseStore("SQLite");

        // Opened on first use, not here: composing services must not touch the disk.
        services.TryAddSingleton(_ => new SqliteDatabase(path));
        services.RemoveAll<IEventLog>();
        services.AddSingleton<IEventLog>(sp => new SqliteEventLog(
            sp.GetRequiredService<SqliteDatabase>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SqliteEventLog>>()));
        composition.UseStoreKeys<SqliteApiKeyStore, SqliteTicketStore>(services);
        return herald;
    }
}
