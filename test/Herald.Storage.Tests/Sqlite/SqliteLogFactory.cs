using Herald.Log;
using Herald.Storage.Sqlite;
using Herald.Storage.Sqlite.Log;
using Microsoft.Extensions.Logging.Abstractions;

namespace Herald.Storage.Tests.Sqlite;

/// <summary>A database file per test; opening it again is what a restart does to the log.</summary>
public sealed class SqliteLogFactory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "herald-sqlite-" + Guid.NewGuid().ToString("N")[..12], SqliteDatabase.FileName);

    internal SqliteEventLog Open(TimeProvider? time = null) =>
        new(new SqliteDatabase(Path), time ?? TimeProvider.System, NullLogger<SqliteEventLog>.Instance);

    public static AppendRequest Request(string channel, string eventName, string? key = null, bool tombstone = false, string? idempotencyKey = null, ChannelRetention? retention = null) =>
        new(channel, eventName, "{\"v\":1}"u8.ToArray(), key, tombstone, idempotencyKey, retention ?? ChannelRetention.Default);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
