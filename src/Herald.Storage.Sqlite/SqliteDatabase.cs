using Microsoft.Data.Sqlite;

namespace Herald.Storage.Sqlite;

/// <summary>
/// The embedded database in the data directory (<c>herald.db</c>): opens connections in WAL
/// mode and applies each component's schema once. The log, API keys, tickets and idempotency
/// keys share it, each with its own tables.
/// </summary>
public sealed class SqliteDatabase
{
    public const string FileName = "herald.db";

    private readonly Lock _migrationLock = new();
    private readonly HashSet<string> _applied = new(StringComparer.Ordinal);

    public SqliteDatabase(string path)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();

        // WAL lets readers (resumes, snapshots) run beside the single writer.
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }

    public string Path { get; }

    public string ConnectionString { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();

        // FULL: a commit is on disk before a publish is acknowledged. busy_timeout: writers wait, not fail.
        command.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;";
        command.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Runs <paramref name="ddl"/> once per process for <paramref name="component"/>; the DDL itself must be idempotent.</summary>
    public void EnsureSchema(string component, string ddl)
    {
        lock (_migrationLock)
        {
            if (!_applied.Add(component))
            {
                return;
            }

            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = ddl;
            command.ExecuteNonQuery();
        }
    }
}
