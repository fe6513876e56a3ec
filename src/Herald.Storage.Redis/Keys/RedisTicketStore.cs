using Herald.Security.Tickets;
using StackExchange.Redis;

namespace Herald.Storage.Redis.Keys;

/// <summary>Single use across the cluster: the first node to SET NX a ticket's id wins; the entry expires after the ticket.</summary>
internal sealed class RedisTicketStore(RedisConnections redis, TimeProvider time) : ITicketStore
{
    // Node clocks differ a little: keep the entry well past the expiry any node could see.
    private static readonly TimeSpan ClockMargin = TimeSpan.FromMinutes(1);

    public async ValueTask<bool> TryConsumeAsync(string ticketId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var db = await redis.Shared.DatabaseAsync(cancellationToken).ConfigureAwait(false);
        var keep = expiresAt - time.GetUtcNow() + ClockMargin;
        return await db.StringSetAsync(redis.Keys.Shared("ticket:" + ticketId), 1, keep > ClockMargin ? keep : ClockMargin, When.NotExists).ConfigureAwait(false);
    }
}
