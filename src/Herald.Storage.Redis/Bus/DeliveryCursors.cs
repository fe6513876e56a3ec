using System.Collections.Concurrent;

namespace Herald.Storage.Redis.Bus;

/// <summary>
/// Per channel, the last offset this node's bus handed to the hub. Read-backs start after it, so
/// a range this node never heard announced is filled and one already delivered is not repeated;
/// which is also why announcements may arrive late, twice or out of order. A subscribe-time head
/// read seeds a channel the bus has not seen, so its first read-back starts where that subscriber stands.
/// </summary>
internal sealed class DeliveryCursors
{
    private readonly ConcurrentDictionary<string, long> _delivered = new(StringComparer.Ordinal);

    /// <summary>Only for a channel without a cursor: an existing one is never moved by a read.</summary>
    public void Seed(string channel, long offset) => _delivered.TryAdd(channel, offset);

    public long? Get(string channel) => _delivered.TryGetValue(channel, out var offset) ? offset : null;

    public void Advance(string channel, long offset) => _delivered.AddOrUpdate(channel, offset, (_, current) => Math.Max(current, offset));

    public IEnumerable<string> Channels => _delivered.Keys;
}
