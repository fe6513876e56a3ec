using System.Collections.Concurrent;

namespace Herald.Security.Tickets;

/// <summary>Single use on one node. Entries leave once their ticket has expired anyway.</summary>
internal sealed class InMemoryTicketStore(TimeProvider time) : ITicketStore
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _used = new(StringComparer.Ordinal);

    public ValueTask<bool> TryConsumeAsync(string ticketId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_used.Count > 1024)
        {
            foreach (var (id, expires) in _used)
            {
                if (expires < now)
                {
                    _used.TryRemove(id, out _);
                }
            }
        }

        return ValueTask.FromResult(_used.TryAdd(ticketId, expiresAt));
    }
}
