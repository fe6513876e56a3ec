using Herald.Security.Tickets;

namespace Herald.Storage.Postgres.Keys;

/// <summary>Single use across the cluster: the first node to insert a ticket's id wins, every other attempt finds it taken.</summary>
internal sealed class PostgresTicketStore(PostgresDatabase database) : ITicketStore
{
    public async ValueTask<bool> TryConsumeAsync(string ticketId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await database.MigrateAsync(cancellationToken);
        await using var command = database.DataSource.CreateCommand(
            "INSERT INTO herald_used_tickets (id, expires_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING");
        command.Parameters.Add(new() { Value = ticketId });
        command.Parameters.Add(new() { Value = expiresAt.UtcDateTime });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
