using Herald.Log;
using Herald.Storage.Redis.Log;

namespace Herald.Storage.Redis.Bus;

/// <summary>
/// Reads announced ranges back from the log, each after its channel's cursor (which both skips
/// what was delivered and fills what was missed), and, after an instance's notifications may
/// have been lost, every known channel of that instance whose stream moved past its cursor.
/// Reads only: what it returns is delivered by the bus, once the whole read succeeded.
/// </summary>
internal sealed class ReadBack(RedisConnections connections, DeliveryCursors cursors)
{
    public async Task<List<LogEntry>> ReadAsync(Dictionary<string, (long First, long Last)> announced, HashSet<int> catchUp, CancellationToken cancellationToken)
    {
        var ranges = new Dictionary<string, (long After, long Last)>(StringComparer.Ordinal);
        foreach (var (channel, (first, last)) in announced)
        {
            var after = cursors.Get(channel) ?? first - 1;
            if (after < last)
            {
                ranges[channel] = (after, last);
            }
        }

        if (catchUp.Count > 0)
        {
            await AddMovedAsync(ranges, catchUp, cancellationToken).ConfigureAwait(false);
        }

        var reads = ranges
            .GroupBy(r => connections.For(r.Key))
            .Select(shard => RedisStreamReader.RangesAsync(
                connections, shard.Key, [.. shard.Select(r => (r.Key, r.Value.After, r.Value.Last, (int)Math.Min(int.MaxValue, r.Value.Last - r.Value.After)))], cancellationToken).AsTask())
            .ToList();
        var entries = new List<LogEntry>();
        foreach (var read in await Task.WhenAll(reads).ConfigureAwait(false))
        {
            entries.AddRange(read);
        }

        return entries;
    }

    private async ValueTask AddMovedAsync(Dictionary<string, (long After, long Last)> ranges, HashSet<int> shards, CancellationToken cancellationToken)
    {
        var known = cursors.Channels.GroupBy(connections.For).Where(g => shards.Contains(g.Key.Index));
        foreach (var group in known)
        {
            var channels = group.ToList();
            var last = await RedisStreamReader.LastOffsetsAsync(connections, group.Key, channels, cancellationToken).ConfigureAwait(false);
            foreach (var (channel, offset) in last)
            {
                var after = cursors.Get(channel) ?? offset;
                if (offset > after)
                {
                    ranges[channel] = ranges.TryGetValue(channel, out var r) ? (Math.Min(r.After, after), Math.Max(r.Last, offset)) : (after, offset);
                }
            }
        }
    }
}
