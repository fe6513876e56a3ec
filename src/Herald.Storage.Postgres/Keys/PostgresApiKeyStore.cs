using Herald.Security.ApiKeys;
using Npgsql;

namespace Herald.Storage.Postgres.Keys;

/// <summary>API keys in PostgreSQL: one table for the cluster, so a revocation on any node reaches all (their monitors poll it).</summary>
internal sealed class PostgresApiKeyStore(PostgresDatabase database) : IApiKeyStore
{
    private const string Columns = "id, name, owner, attributes, hash, active, created_at, last_used_at, max_connections, publishes_per_second";

    public async ValueTask AddAsync(ApiKey key, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync($"INSERT INTO herald_api_keys ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)", cancellationToken);
        command.Parameters.Add(new() { Value = key.Id });
        command.Parameters.Add(new() { Value = key.Name });
        command.Parameters.Add(new() { Value = key.Owner });
        command.Parameters.Add(new() { Value = key.Attributes.ToArray() });
        command.Parameters.Add(new() { Value = key.Hash });
        command.Parameters.Add(new() { Value = key.Active });
        command.Parameters.Add(new() { Value = key.CreatedAt.UtcDateTime });
        command.Parameters.Add(new() { Value = (object?)key.LastUsedAt?.UtcDateTime ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = (object?)key.MaxConnections ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        command.Parameters.Add(new() { Value = (object?)key.PublishesPerSecond ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask<ApiKey?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync($"SELECT {Columns} FROM herald_api_keys WHERE id = $1", cancellationToken);
        command.Parameters.Add(new() { Value = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async ValueTask<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync($"SELECT {Columns} FROM herald_api_keys ORDER BY created_at, id", cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ApiKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(Read(reader));
        }

        return keys;
    }

    public async ValueTask<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync("UPDATE herald_api_keys SET active = false WHERE id = $1", cancellationToken);
        command.Parameters.Add(new() { Value = id });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async ValueTask TouchAsync(string id, DateTimeOffset usedAt, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync("UPDATE herald_api_keys SET last_used_at = $2 WHERE id = $1", cancellationToken);
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = usedAt.UtcDateTime });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async ValueTask<NpgsqlCommand> CommandAsync(string sql, CancellationToken cancellationToken)
    {
        await database.MigrateAsync(cancellationToken);
        return database.DataSource.CreateCommand(sql);
    }

    private static ApiKey Read(NpgsqlDataReader r) => new()
    {
        Id = r.GetString(0),
        Name = r.GetString(1),
        Owner = r.GetString(2),
        Attributes = r.GetFieldValue<string[]>(3),
        Hash = r.GetFieldValue<byte[]>(4),
        Active = r.GetBoolean(5),
        CreatedAt = new DateTimeOffset(r.GetDateTime(6), TimeSpan.Zero),
        LastUsedAt = r.IsDBNull(7) ? null : new DateTimeOffset(r.GetDateTime(7), TimeSpan.Zero),
        MaxConnections = r.IsDBNull(8) ? null : r.GetInt32(8),
        PublishesPerSecond = r.IsDBNull(9) ? null : r.GetInt32(9),
    };
}
