using Microsoft.Data.Sqlite;

namespace Herald.EntityFrameworkCore.Tests.Support;

/// <summary>A SQLite file of its own per test, deleted afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "herald-efcore-tests", Guid.NewGuid().ToString("N"));

    public TempDatabase()
    {
        Directory.CreateDirectory(_directory);
        Path = System.IO.Path.Combine(_directory, "app.db");
    }

    public string Path { get; }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere; the temp directory is cleaned eventually.
        }
    }
}
