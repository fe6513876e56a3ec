using System.Collections.Concurrent;
using Herald.Diagnostics;
using Herald.Log;

namespace Herald.Hub;

/// <summary>
/// Per node: which subscriptions listen to which channel, and the fan-out of each committed
/// event to them. The event is encoded once (<see cref="LogEntry.Encoded"/>) and the same bytes
/// are queued to every recipient; the per-event-type rule is resolved once per event.
/// </summary>
internal sealed class HeraldHub(HeraldCounters counters)
{
    private readonly ConcurrentDictionary<string, ChannelSubscribers> _channels = new(StringComparer.Ordinal);

    public int ChannelCount => _channels.Count;

    public IEnumerable<KeyValuePair<string, int>> Channels =>
        _channels.Select(kv => KeyValuePair.Create(kv.Key, kv.Value.Items.Length));

    public void Add(Subscription subscription)
    {
        while (!_channels.GetOrAdd(subscription.Channel, static _ => new ChannelSubscribers()).TryAdd(subscription))
        {
            // Lost a race with the last unsubscribe retiring that channel's entry: try the new one.
            Thread.Yield();
        }
    }

    public void Remove(Subscription subscription)
    {
        if (_channels.TryGetValue(subscription.Channel, out var subscribers) && subscribers.Remove(subscription))
        {
            _channels.TryRemove(KeyValuePair.Create(subscription.Channel, subscribers));
        }
    }

    /// <summary>Called by the single dispatcher, in offset order per channel.</summary>
    public int Dispatch(LogEntry entry)
    {
        if (!_channels.TryGetValue(entry.Channel, out var subscribers))
        {
            return 0;
        }

        var items = subscribers.Items;
        if (items.Length == 0)
        {
            return 0;
        }

        var requirement = items[0].Policy.RequirementFor(entry.Event);
        var delivered = 0;
        foreach (var subscription in items)
        {
            if (subscription.Deliver(entry, requirement))
            {
                delivered++;
            }
        }

        counters.Delivered(delivered);
        return delivered;
    }
}
