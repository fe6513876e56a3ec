namespace Herald.EntityFrameworkCore;

/// <summary>
/// One event waiting in the application's database to be relayed to Herald's log. Written by
/// <c>SaveChanges</c> in the same transaction as the change it announces, so it exists exactly
/// when the change was committed.
/// </summary>
public sealed class HeraldOutboxMessage
{
    /// <summary>Assigned at insert; the relay publishes in this order, which is commit order.</summary>
    public long Id { get; set; }

    /// <summary>
    /// Sent as the publish's idempotency key. A GUID rather than <see cref="Id"/>: ids start over when
    /// a database is recreated, and Herald would take a reused id for a retry and drop the event.
    /// </summary>
    public Guid MessageId { get; set; }

    public string Channel { get; set; } = "";

    public string Event { get; set; } = "";

    public string? Key { get; set; }

    /// <summary>The event's <c>data</c>, UTF-8 JSON text.</summary>
    public string Data { get; set; } = "null";

    public bool Tombstone { get; set; }

    /// <summary>UTC.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>UTC; null while the row waits for the relay.</summary>
    public DateTime? ProcessedAt { get; set; }

    /// <summary>Why Herald refused the event for good (bad channel, too large); null when it was published.</summary>
    public string? Error { get; set; }
}
