using Herald.Security.Tickets;

namespace Herald.Storage.Sqlite.Keys;

/// <summary>Single use of tickets through the primary key of <c>used_tickets</c>: the first insert wins.</summary>
internal sealed class SqliteTicketStore : ITicketStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS used_tickets (
            id TEXT PRIMARY KEY,
            expires_at INTEGER NOT NULL
        );
        """;

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

    public SqliteTicketStore(SqliteDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
        _database.EnsureSchema("used_tickets", Schema);
    }

    public async ValueTask<bool> TryConsumeAsync(string ticketId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();

        // Expired rows can go: their tickets are refused on expiry before reaching here.
        command.CommandText = """
            DELETE FROM used_tickets WHERE expires_at < $now;
            INSERT OR IGNORE INTO used_tickets (id, expires_at) VALUES ($id, $expires);
            SELECT changes();
            """;
        command.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$id", ticketId);
        command.Parameters.AddWithValue("$expires", expiresAt.ToUnixTimeMilliseconds());
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }
}
