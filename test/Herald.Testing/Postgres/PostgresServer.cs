using Npgsql;

namespace Herald.Testing;

/// <summary>
/// A throwaway PostgreSQL: initdb into a temp directory, its own port and socket directory,
/// wal_level=logical; stopped and deleted on dispose. As root it runs as the postgres user,
/// because PostgreSQL refuses to run as root. fsync is off: these tests stop the server
/// cleanly, so it changes nothing they check and saves a lot of time on a small machine.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string User = "herald";

    private readonly string _root;
    private readonly string _data;
    private readonly string? _runAs;

    private PostgresServer(string root, int port)
    {
        _root = root;
        _data = Path.Combine(root, "data");
        Port = port;
        _runAs = ProcessRunner.IsRoot ? "postgres" : null;
    }

    public int Port { get; }

    public bool Running { get; private set; }

    public static async Task<PostgresServer> StartAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "herald-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var server = new PostgresServer(root, FreePorts.Next());
        if (server._runAs is not null)
        {
            await ProcessRunner.RunAsync("chown", ["-R", $"{server._runAs}:{server._runAs}", root]);
        }

        await server.Tool("initdb", "-D", server._data, "-U", User, "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions");
        await server.StartAgainAsync();
        return server;
    }

    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = User, Database = database, Timeout = 5 }.ConnectionString;

    /// <summary>A fresh, empty database on this server, so test classes never see each other's rows.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)].ToLowerInvariant();
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async Task StartAgainAsync()
    {
        var options = $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c wal_level=logical -c fsync=off -c max_connections=300";
        await Tool("pg_ctl", "-D", _data, "-o", options, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "start");
        Running = true;
    }

    /// <summary>A clean, fast stop (clients are disconnected, committed data stays).</summary>
    public async Task StopAsync()
    {
        await Tool("pg_ctl", "-D", _data, "-m", "fast", "-w", "-t", "60", "stop");
        Running = false;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Running)
            {
                await Tool("pg_ctl", "-D", _data, "-m", "immediate", "-w", "-t", "30", "stop");
            }
        }
        catch (Exception)
        {
            // Best effort; the directory goes either way.
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Task<string> Tool(string name, params string[] arguments) =>
        ProcessRunner.RunAsync(PostgresBinaries.Tool(name), arguments, _runAs, TimeSpan.FromSeconds(90));
}
