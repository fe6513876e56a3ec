namespace Herald.Testing;

/// <summary>Finds initdb/pg_ctl: on PATH, or in Debian's /usr/lib/postgresql/&lt;version&gt;/bin.</summary>
public static class PostgresBinaries
{
    public static string Directory { get; } = Find();

    public static string Tool(string name) => Path.Combine(Directory, name);

    private static string Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "initdb")))
            {
                return dir;
            }
        }

        const string debian = "/usr/lib/postgresql";
        if (System.IO.Directory.Exists(debian))
        {
            var newest = System.IO.Directory.GetDirectories(debian)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(d => File.Exists(Path.Combine(d.Dir, "pg_ctl")))
                .OrderByDescending(d => d.Version)
                .FirstOrDefault();
            if (newest.Dir is not null)
            {
                return newest.Dir;
            }
        }

        throw new InvalidOperationException("PostgreSQL binaries (initdb, pg_ctl) were not found; ./test.sh installs the postgresql package.");
    }
}
