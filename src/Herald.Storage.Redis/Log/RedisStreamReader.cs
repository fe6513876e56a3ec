using Herald.Log;
using StackExchange.Redis;

namespace Herald.Storage.Redis.Log;

/// <summary>The log's facts as the read scripts return them; shared by resumes, history and the bus's read-backs.</summary>
internal static class RedisStreamReader
{
    public static async ValueTask<StreamHead> HeadAsync(RedisConnections connections, string channel, CancellationToken cancellationToken)
    {
        var database = await connections.For(channel).DatabaseAsync(cancellationToken).ConfigureAwait(false);
        var head = (RedisResult[])(await database.ScriptEvaluateAsync(ReadScripts.Head, [connections.Keys.Stream(channel)], [Epochs.New()]).ConfigureAwait(false))!;
        return new StreamHead((string)head[0]!, (long)head[1]);
    }

    /// <summary>Per requested channel (all on <paramref name="shard"/>), its retained events with after &lt; offset ≤ through, at most limit.</summary>
    public static async ValueTask<List<LogEntry>> RangesAsync(
        RedisConnections connections, RedisShard shard, IReadOnlyList<(string Channel, long After, long Through, int Limit)> ranges, CancellationToken cancellationToken)
    {
        var keys = new RedisKey[ranges.Count * 2];
        var args = new RedisValue[ranges.Count * 3];
        for (var i = 0; i < ranges.Count; i++)
        {
            var (channel, after, through, limit) = ranges[i];
            keys[2 * i] = connections.Keys.Stream(channel);
            keys[(2 * i) + 1] = connections.Keys.Events(channel);
            args[3 * i] = after;
            args[(3 * i) + 1] = through;
            args[(3 * i) + 2] = limit;
        }

        var database = await shard.DatabaseAsync(cancellationToken).ConfigureAwait(false);
        var result = (RedisResult[])(await database.ScriptEvaluateAsync(ReadScripts.Ranges, keys, args).ConfigureAwait(false))!;
        var entries = new List<LogEntry>();
        for (var i = 0; i < ranges.Count; i++)
        {
            var epoch = (string)result[i][0]!;
            foreach (var row in (RedisResult[])result[i][1]!)
            {
                entries.Add(EntryCodec.Decode(ranges[i].Channel, epoch, OffsetOf((string)row[0]!), (byte[])row[1][3]!));
            }
        }

        return entries;
    }

    public static async ValueTask<IReadOnlyList<LogEntry>> LatestAsync(RedisConnections connections, string channel, CancellationToken cancellationToken)
    {
        var k = connections.Keys;
        var database = await connections.For(channel).DatabaseAsync(cancellationToken).ConfigureAwait(false);
        var result = (RedisResult[])(await database.ScriptEvaluateAsync(ReadScripts.Latest, [k.Stream(channel), k.Latest(channel), k.LatestOrder(channel)]).ConfigureAwait(false))!;
        var entries = new List<LogEntry>(Math.Max(0, (result.Length - 1) / 2));
        for (var i = 1; i + 1 < result.Length; i += 2)
        {
            entries.Add(EntryCodec.Decode(channel, (string)result[0]!, (long)result[i], (byte[])result[i + 1]!));
        }

        return entries;
    }

    /// <summary>Each channel's last offset on <paramref name="shard"/>; channels without a stream are left out.</summary>
    public static async ValueTask<Dictionary<string, long>> LastOffsetsAsync(RedisConnections connections, RedisShard shard, IReadOnlyList<string> channels, CancellationToken cancellationToken)
    {
        var database = await shard.DatabaseAsync(cancellationToken).ConfigureAwait(false);
        var result = (long[])(await database.ScriptEvaluateAsync(ReadScripts.LastOffsets, [.. channels.Select(connections.Keys.Stream)]).ConfigureAwait(false))!;
        var last = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < channels.Count; i++)
        {
            if (result[i] >= 0)
            {
                last[channels[i]] = result[i];
            }
        }

        return last;
    }

    /// <summary>Stream entry ids are <c>offset-0</c>.</summary>
    private static long OffsetOf(string id) => long.Parse(id.AsSpan(0, id.IndexOf('-', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture);
}
