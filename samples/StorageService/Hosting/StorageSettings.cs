namespace StorageService.Hosting;

/// <summary>The sample's own settings (<c>Storage:…</c>).</summary>
internal static class StorageSettings
{
    public const string DefaultUrl = "http://127.0.0.1:8090";

    public const string DataDirectoryKey = "Storage:DataDirectory";

    public const string DefaultDataDirectory = "storage-data";

    /// <summary>
    /// <c>Herald:Store</c>, the standalone server's key: <c>memory</c> keeps Herald's log in memory, <c>redis</c>
    /// puts it (and the bus, tickets and keys) in Redis (<c>Herald:Redis:ConnectionString</c>); anything else is SQLite.
    /// </summary>
    public const string HeraldStoreKey = "Store";

    /// <summary><c>Storage:DataDirectory</c>, relative to the working directory: the databases and the generated secret.</summary>
    public static string DataDirectory(IConfiguration configuration) =>
        Path.GetFullPath(configuration[DataDirectoryKey] ?? DefaultDataDirectory, Directory.GetCurrentDirectory());
}
