using Herald.Log;
using Herald.Storage.Postgres;
using Herald.Storage.Postgres.Bus;
using Herald.Storage.Postgres.Log;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Herald.Storage.Tests.Postgres;

/// <summary>Log instances on one database, each with its own pool and cursors: one per simulated node.</summary>
internal static class PostgresLogFactory
{
    public static (PostgresEventLog Log, PostgresDatabase Database) Open(string connectionString, TimeProvider? time = null)
    {
        var database = new PostgresDatabase(Options.Create(new PostgresOptions { ConnectionString = connectionString }), NullLogger<PostgresDatabase>.Instance);
        var log = new PostgresEventLog(database, new ChannelCursors(), time ?? TimeProvider.System, NullLogger<PostgresEventLog>.Instance);
        return (log, database);
    }

    public static AppendRequest Request(string channel, string eventName, int n = 0, string? key = null, bool tombstone = false, string? idempotencyKey = null, ChannelRetention? retention = null) =>
        new(channel, eventName, System.Text.Encoding.UTF8.GetBytes($"{{\"n\":{n}}}"), key, tombstone, idempotencyKey, retention ?? ChannelRetention.Default);
}
