namespace Herald.Diagnostics;

/// <summary>Node-wide counters behind <c>/api/stats</c>. Increments are batched by callers on hot paths.</summary>
public sealed class HeraldCounters(TimeProvider time)
{
    private readonly long _started = time.GetTimestamp();
    private long _connections;
    private long _connectionsTotal;
    private long _subscriptions;
    private long _eventsIn;
    private long _deliveries;
    private long _slowConsumerCloses;
    private long _committed;
    private long _bytesSent;
    private long _dispatched;

    public TimeSpan Uptime => time.GetElapsedTime(_started);

    public long Connections => Volatile.Read(ref _connections);

    public long ConnectionsTotal => Volatile.Read(ref _connectionsTotal);

    public long Subscriptions => Volatile.Read(ref _subscriptions);

    public long EventsIn => Volatile.Read(ref _eventsIn);

    public long Deliveries => Volatile.Read(ref _deliveries);

    public long SlowConsumerCloses => Volatile.Read(ref _slowConsumerCloses);

    /// <summary>Events this node committed and events its hub dispatched: equal when delivery has caught up.</summary>
    public long BytesSent => Volatile.Read(ref _bytesSent);

    internal void Sent(int bytes) => Interlocked.Add(ref _bytesSent, bytes);

    public bool DispatchCaughtUp => Volatile.Read(ref _dispatched) >= Volatile.Read(ref _committed);

    internal void Committed(int count) => Interlocked.Add(ref _committed, count);

    internal void Dispatched() => Interlocked.Increment(ref _dispatched);

    internal void ConnectionOpened()
    {
        Interlocked.Increment(ref _connections);
        Interlocked.Increment(ref _connectionsTotal);
    }

    internal void ConnectionClosed() => Interlocked.Decrement(ref _connections);

    internal void SubscriptionAdded() => Interlocked.Increment(ref _subscriptions);

    internal void SubscriptionRemoved() => Interlocked.Decrement(ref _subscriptions);

    internal void EventsPublished(int count) => Interlocked.Add(ref _eventsIn, count);

    internal void Delivered(int count) => Interlocked.Add(ref _deliveries, count);

    internal void SlowConsumerClosed() => Interlocked.Increment(ref _slowConsumerCloses);
}
