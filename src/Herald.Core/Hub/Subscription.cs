using Herald.Channels;
using Herald.Log;
using Herald.Security;

namespace Herald.Hub;

/// <summary>
/// One subscriber's interest in one channel. While its session reads history (the catch-up), live
/// events are parked in <see cref="_pending"/>; <see cref="GoLive"/> releases those past the
/// replayed offset, so the seam between replay and live has no gap and no duplicate.
/// </summary>
internal sealed class Subscription
{
    private readonly Lock _lock = new();
    private readonly int _pendingLimit;
    private List<LogEntry>? _pending = [];
    private long _lastOffset;

    public Subscription(ISubscriber subscriber, string channel, NamespacePolicy policy, EventFilter? filter, int pendingLimit)
    {
        Subscriber = subscriber;
        Channel = channel;
        Policy = policy;
        Filter = filter;
        _pendingLimit = pendingLimit;
    }

    public ISubscriber Subscriber { get; }

    public string Channel { get; }

    public NamespacePolicy Policy { get; }

    /// <summary>Replaced when the client subscribes again with another <c>events</c> list.</summary>
    public EventFilter? Filter { get; set; }

    public string Epoch { get; set; } = "";

    /// <summary>
    /// Where what this connection holds of the channel begins: it has every event it may see from
    /// here on (replayed, live or summed up by a snapshot). Set by the session's catch-ups.
    /// </summary>
    public long CoveredFrom { get; set; } = long.MaxValue;

    /// <summary>Kept by <see cref="ChannelSubscribers"/> under its lock.</summary>
    internal SubscriberSlot Slot { get; set; } = SubscriberSlot.None;

    public long LastOffset
    {
        get
        {
            lock (_lock)
            {
                return _lastOffset;
            }
        }
    }

    /// <summary>Whether this recipient may see the event: its <c>events</c> filter and its attributes.</summary>
    public bool Allows(LogEntry entry, AttributeRequirement? requirement) =>
        EventVisibility.Allows(Filter, Subscriber.Permissions, entry.Event, requirement);

    /// <summary>
    /// Called by the hub dispatcher only. Returns true when the event was queued for sending; the
    /// dispatcher flushes the session after the run.
    /// </summary>
    public bool Deliver(LogEntry entry, AttributeRequirement? requirement)
    {
        if (!Allows(entry, requirement))
        {
            return false;
        }

        lock (_lock)
        {
            if (_pending is not null)
            {
                if (_pending.Count >= _pendingLimit)
                {
                    Subscriber.CloseSlowConsumer();
                    return false;
                }

                _pending.Add(entry);
                return false;
            }

            if (entry.Offset <= _lastOffset)
            {
                return false;
            }

            // Queued under the lock, as GoLive does: a catch-up starting meanwhile (BeginCatchUp)
            // must find every offset up to _lastOffset already in the outbox, or its replay could
            // overtake this event.
            _lastOffset = entry.Offset;
            return Subscriber.Enqueue(entry);
        }
    }

    /// <summary>
    /// Starts another catch-up on a live subscription (a subscribe with <c>since</c> or
    /// <c>snapshot</c> on a channel already subscribed): live events park again, and the offset
    /// returned is the last one this connection was given, which nothing may repeat.
    /// </summary>
    public long BeginCatchUp()
    {
        lock (_lock)
        {
            _pending ??= [];
            return _lastOffset;
        }
    }

    /// <summary>
    /// Ends the catch-up: everything up to <paramref name="replayedThrough"/> was sent as replay or
    /// snapshot. Parked events are queued; the caller flushes.
    /// </summary>
    public int GoLive(long replayedThrough)
    {
        var sent = 0;
        lock (_lock)
        {
            _lastOffset = Math.Max(_lastOffset, replayedThrough);
            foreach (var entry in _pending!)
            {
                if (entry.Offset > _lastOffset)
                {
                    _lastOffset = entry.Offset;
                    if (Subscriber.Enqueue(entry))
                    {
                        sent++;
                    }
                }
            }

            _pending = null;
        }

        return sent;
    }
}
