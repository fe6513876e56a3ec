using Herald.Log;

namespace Herald.Storage.Postgres.Log;

/// <summary>
/// Which requests of a group become new events, per channel in sorted order (the lock order that
/// keeps concurrent nodes from deadlocking), and each one's <c>back</c>: how many of its channel's
/// new events follow it, so its offset is the channel's new last offset minus back.
/// </summary>
internal sealed class AppendPlan
{
    private AppendPlan(SortedDictionary<string, (List<int> Events, ChannelRetention Retention)> channels, List<int> fresh, long[] back)
    {
        Channels = channels;
        Fresh = fresh;
        Back = back;
    }

    public SortedDictionary<string, (List<int> Events, ChannelRetention Retention)> Channels { get; }

    /// <summary>Indexes of the requests that become events, in request order.</summary>
    public List<int> Fresh { get; }

    public long[] Back { get; }

    public static AppendPlan Of(IReadOnlyList<AppendRequest> batch, bool[] resolved)
    {
        var channels = new SortedDictionary<string, (List<int> Events, ChannelRetention Retention)>(StringComparer.Ordinal);
        var fresh = new List<int>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            if (resolved[i])
            {
                continue;
            }

            var r = batch[i];
            if (!channels.TryGetValue(r.Channel, out var group))
            {
                group = ([], r.Retention);
            }

            // The channel's retention is the last request's, as the store has always applied it.
            group.Events.Add(i);
            channels[r.Channel] = (group.Events, r.Retention);
            fresh.Add(i);
        }

        var back = new long[batch.Count];
        foreach (var (events, _) in channels.Values)
        {
            for (var k = 0; k < events.Count; k++)
            {
                back[events[k]] = events.Count - 1 - k;
            }
        }

        return new AppendPlan(channels, fresh, back);
    }
}
