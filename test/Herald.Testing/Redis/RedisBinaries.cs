namespace Herald.Testing;

/// <summary>Finds <c>redis-server</c> on PATH (Debian's package puts it in /usr/bin).</summary>
public static class RedisBinaries
{
    public static string Server { get; } = Find("redis-server");

    private static string Find(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin"))
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new InvalidOperationException($"{name} was not found; ./test.sh installs the redis-server package.");
    }
}
