using System.Globalization;
using Herald.Log;
using StackExchange.Redis;

namespace Herald.Storage.Redis.Log;

/// <summary>
/// A batch split by instance, one <see cref="AppendScript"/> call per instance, all at once. A
/// publish is acknowledged only from the script's answer, so only once Redis has applied it
/// (and, with <c>appendfsync always</c>, written it to disk). With several instances a batch is
/// atomic per instance, not across them: if one fails the whole batch is answered as failed,
/// although the other instances' parts did commit (and are delivered), as after a timeout.
/// </summary>
internal sealed class RedisAppender(RedisConnections connections, TimeProvider time)
{
    public async ValueTask<IReadOnlyList<AppendOutcome>> AppendAsync(IReadOnlyList<AppendRequest> batch, CancellationToken cancellationToken)
    {
        // Milliseconds, as on the wire, so an entry read back equals the one committed.
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var outcomes = new AppendOutcome[batch.Count];
        var firstOfKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var repeats = new List<(int Index, int First)>();
        var byShard = new Dictionary<RedisShard, List<int>>();
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].IdempotencyKey is { } key && !firstOfKey.TryAdd(key, i))
            {
                // A key repeated within the batch answers with the first one's position.
                repeats.Add((i, firstOfKey[key]));
                continue;
            }

            var shard = connections.For(batch[i].Channel);
            if (!byShard.TryGetValue(shard, out var indexes))
            {
                byShard[shard] = indexes = [];
            }

            indexes.Add(i);
        }

        var parts = new List<Task>(byShard.Count);
        foreach (var (shard, indexes) in byShard)
        {
            parts.Add(AppendOnAsync(shard, batch, indexes, outcomes, now, cancellationToken));
        }

        await Task.WhenAll(parts).ConfigureAwait(false);
        foreach (var (index, first) in repeats)
        {
            outcomes[index] = outcomes[first] with { Committed = null };
        }

        return outcomes;
    }

    private async Task AppendOnAsync(RedisShard shard, IReadOnlyList<AppendRequest> batch, List<int> indexes, AppendOutcome[] outcomes, long now, CancellationToken cancellationToken)
    {
        var channels = new Dictionary<string, int>(StringComparer.Ordinal);
        var channelArgs = new List<RedisValue>();
        var eventArgs = new List<RedisValue>(indexes.Count * AppendScript.ArgsPerEvent);
        var keys = new List<RedisKey>();
        var idempotency = new List<RedisKey>();
        for (var j = 0; j < indexes.Count; j++)
        {
            var r = batch[indexes[j]];
            if (!channels.TryGetValue(r.Channel, out var channel))
            {
                channels[r.Channel] = channel = channels.Count + 1;
                var k = connections.Keys;
                keys.AddRange([k.Stream(r.Channel), k.Events(r.Channel), k.Latest(r.Channel), k.LatestOrder(r.Channel)]);
                channelArgs.AddRange([r.Channel, Epochs.New(), r.Retention.HistorySize, (long)r.Retention.HistoryAge.TotalMilliseconds, r.Retention.MaxKeys]);
            }

            var idem = 0;
            if (r.IdempotencyKey is { } key)
            {
                idempotency.Add(connections.Keys.Idempotency(key));
                idem = idempotency.Count;
            }

            var flags = (r.Key is null ? 0 : AppendScript.FlagKey) | (r.Tombstone ? AppendScript.FlagTombstone : 0);
            eventArgs.AddRange([channel, idem, flags, r.Key ?? "", EntryCodec.Encode(r, now)]);
        }

        keys.AddRange(idempotency);
        RedisValue[] args = [now, connections.Options.ReadBackSlack, connections.Keys.Notifications.ToString(), channels.Count, indexes.Count, .. channelArgs, .. eventArgs];
        var database = await shard.DatabaseAsync(cancellationToken).ConfigureAwait(false);
        var result = await database.ScriptEvaluateAsync(AppendScript.Source, [.. keys], args).ConfigureAwait(false);

        var epochs = (string[])result[0]!;
        var results = (RedisResult[])result[1]!;
        for (var j = 0; j < indexes.Count; j++)
        {
            var r = batch[indexes[j]];
            var answer = results[j];
            if (answer.Resp2Type == ResultType.Integer)
            {
                var entry = new LogEntry
                {
                    Channel = r.Channel,
                    Epoch = epochs[channels[r.Channel] - 1],
                    Offset = (long)answer,
                    Event = r.Event,
                    Key = r.Key,
                    Data = r.Data,
                    Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(now),
                    Tombstone = r.Tombstone,
                };
                outcomes[indexes[j]] = new AppendOutcome(entry.Channel, entry.Epoch, entry.Offset, entry);
            }
            else
            {
                // An idempotency key used within the last 24 h: the first publish's position, nothing new.
                var earlier = ((string)answer!).Split('\n');
                outcomes[indexes[j]] = new AppendOutcome(earlier[0], earlier[1], long.Parse(earlier[2], CultureInfo.InvariantCulture), null);
            }
        }
    }
}
