using Herald.Log;
using Herald.Storage.Sqlite;
using Herald.Storage.Sqlite.Log;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

public static class SqliteServiceCollectionExtensions
{
    /// <summary>
    /// Makes the SQLite database at <paramref name="path"/> Herald's log (single node; the bus
    /// stays in-process). Call before <c>AddHerald</c>, whose in-memory defaults yield to it.
    /// </summary>
    public static IServiceCollection AddHeraldSqlite(this IServiceCollection services, string path)
    {
        // Opened on first use, not here: composing services must not touch the disk.
        services.TryAddSingleton(_ => new SqliteDatabase(path));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IEventLog>(sp => new SqliteEventLog(
            sp.GetRequiredService<SqliteDatabase>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SqliteEventLog>>()));
        return services;
    }
}
