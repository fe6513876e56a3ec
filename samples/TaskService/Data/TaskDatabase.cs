using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace TaskService.Data;

/// <summary>Where the database lives and how it is brought up; shared by the server and the CLI.</summary>
public static class TaskDatabase
{
    public const string FileName = "tasks.db";

    /// <summary>
    /// <c>ConnectionStrings:Tasks</c> when set; otherwise <c>&lt;TaskService:DataDirectory&gt;/tasks.db</c>,
    /// the directory taken relative to where the process runs (so <c>./taskservice-data</c>).
    /// </summary>
    public static string ConnectionString(IConfiguration configuration)
    {
        if (configuration.GetConnectionString("Tasks") is { Length: > 0 } explicitConnection)
        {
            return explicitConnection;
        }

        var directory = Path.GetFullPath(configuration["TaskService:DataDirectory"] ?? "taskservice-data", Directory.GetCurrentDirectory());
        return new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, FileName) }.ToString();
    }

    /// <summary>
    /// Creates the directory and the schema when missing. A sample keeps to EnsureCreated rather
    /// than migrations: delete the data directory to start over after a schema change.
    /// </summary>
    public static async ValueTask InitializeAsync(IDbContextFactory<TaskDbContext> factory, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var dataSource = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (Path.GetDirectoryName(Path.GetFullPath(dataSource)) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        await db.Database.EnsureCreatedAsync(cancellationToken);

        // WAL lets the CLI (seed, keys deactivate) write while the server reads, without SQLITE_BUSY.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }
}
