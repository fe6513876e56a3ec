using System.Text.Json;
using Herald.Security.ApiKeys;
using Microsoft.Data.Sqlite;

namespace Herald.Storage.Sqlite.Keys;

/// <summary>API keys in the embedded database: survive restarts, shared by every process on the file.</summary>
internal sealed class SqliteApiKeyStore : IApiKeyStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS api_keys (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            owner TEXT NOT NULL,
            attributes TEXT NOT NULL,
            hash BLOB NOT NULL,
            active INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            last_used_at INTEGER NULL,
            max_connections INTEGER NULL,
            publishes_per_second INTEGER NULL
        );
        """;

    private const string Columns = "id, name, owner, attributes, hash, active, created_at, last_used_at, max_connections, publishes_per_second";

    private readonly SqliteDatabase _database;

    public SqliteApiKeyStore(SqliteDatabase database)
    {
        _database = database;
        _database.EnsureSchema("api_keys", Schema);
    }

    public async ValueTask AddAsync(ApiKey key, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO api_keys ({Columns}) VALUES ($id, $name, $owner, $attributes, $hash, $active, $created, $used, $max, $rate)";
        command.Parameters.AddWithValue("$id", key.Id);
        command.Parameters.AddWithValue("$name", key.Name);
        command.Parameters.AddWithValue("$owner", key.Owner);
        command.Parameters.AddWithValue("$attributes", JsonSerializer.Serialize(key.Attributes));
        command.Parameters.AddWithValue("$hash", key.Hash);
        command.Parameters.AddWithValue("$active", key.Active ? 1 : 0);
        command.Parameters.AddWithValue("$created", key.CreatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$used", (object?)key.LastUsedAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        command.Parameters.AddWithValue("$max", (object?)key.MaxConnections ?? DBNull.Value);
        command.Parameters.AddWithValue("$rate", (object?)key.PublishesPerSecond ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask<ApiKey?> GetAsync(string id, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM api_keys WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async ValueTask<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM api_keys ORDER BY created_at, id";
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ApiKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(Read(reader));
        }

        return keys;
    }

    public async ValueTask<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE api_keys SET active = 0 WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async ValueTask TouchAsync(string id, DateTimeOffset usedAt, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE api_keys SET last_used_at = $used WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$used", usedAt.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static ApiKey Read(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        Name = r.GetString(1),
        Owner = r.GetString(2),
        Attributes = JsonSerializer.Deserialize<string[]>(r.GetString(3)) ?? [],
        Hash = (byte[])r.GetValue(4),
        Active = r.GetInt64(5) == 1,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6)),
        LastUsedAt = r.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(7)),
        MaxConnections = r.IsDBNull(8) ? null : r.GetInt32(8),
        PublishesPerSecond = r.IsDBNull(9) ? null : r.GetInt32(9),
    };
}
