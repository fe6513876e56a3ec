namespace Herald.Security.Tickets;

/// <summary>Enforces single use of tickets; shared by every node of a cluster.</summary>
public interface ITicketStore
{
    /// <summary>True the first time <paramref name="ticketId"/> is presented, false ever after (until it expires).</summary>
    ValueTask<bool> TryConsumeAsync(string ticketId, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
