using System.Collections.Concurrent;
using Herald.Configuration;
using Herald.Diagnostics;
using Herald.Log;
using Herald.Protocol;
using Herald.Security;
using Microsoft.Extensions.Options;

namespace Herald.Hub;

/// <summary>
/// Per node: which subscriptions listen to which channel, and the fan-out of each committed
/// event to them. The event is encoded once (<c>EventEncoding.V1</c>) and the same bytes
/// are queued to every recipient; the per-event-type rule is resolved once per event. A channel
/// with more than one chunk of recipients is fanned out on several threads (<see cref="FanOutStripes"/>).
/// </summary>
internal sealed class HeraldHub(HeraldCounters counters, IOptions<HeraldOptions> options)
{
    private readonly FanOutStripes _stripes = new(options.Value.FanOutThreadCount);

    private readonly ConcurrentDictionary<string, ChannelSubscribers> _channels = new(StringComparer.Ordinal);

    // Only the single dispatcher touches this scratch space.
    private AttributeRequirement?[] _requirements = new AttributeRequirement?[16];

    public int ChannelCount => _channels.Count;

    public IEnumerable<KeyValuePair<string, int>> Channels =>
        _channels.Select(kv => KeyValuePair.Create(kv.Key, kv.Value.Count));

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
    public int Dispatch(LogEntry entry) => Dispatch(new ReadOnlySpan<LogEntry>(in entry));

    /// <summary>
    /// Called by the single dispatcher with the events that were waiting, in commit order. A run of
    /// events for one channel goes to each recipient back to back, so a recipient's queue receives
    /// the run at once: its writer wakes once and sends it as one coalesced frame.
    /// </summary>
    public int Dispatch(ReadOnlySpan<LogEntry> batch)
    {
        var delivered = 0;
        var start = 0;
        while (start < batch.Length)
        {
            var end = start + 1;
            while (end < batch.Length && string.Equals(batch[end].Channel, batch[start].Channel, StringComparison.Ordinal))
            {
                end++;
            }

            delivered += DispatchRun(batch[start..end]);
            start = end;
        }

        counters.Delivered(delivered);
        return delivered;
    }

    private int DispatchRun(ReadOnlySpan<LogEntry> run)
    {
        if (!_channels.TryGetValue(run[0].Channel, out var subscribers))
        {
            return 0;
        }

        var chunks = subscribers.Chunks;
        if (chunks.Length == 0)
        {
            return 0;
        }

        if (_requirements.Length < run.Length)
        {
            _requirements = new AttributeRequirement?[Math.Max(run.Length, _requirements.Length * 2)];
        }

        // Resolved once per event, not per recipient: the channel's namespace rules are shared.
        var policy = chunks[0][0].Policy;
        for (var i = 0; i < run.Length; i++)
        {
            _requirements[i] = policy.RequirementFor(run[i].Event);
        }

        var requirements = new ReadOnlySpan<AttributeRequirement?>(_requirements, 0, run.Length);
        if (_stripes.Worthwhile(chunks))
        {
            return _stripes.Deliver(chunks, run, requirements);
        }

        var delivered = 0;
        foreach (var chunk in chunks)
        {
            delivered += ChunkDelivery.Deliver(chunk, run, requirements);
        }

        return delivered;
    }
}
