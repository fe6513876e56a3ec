namespace Herald.Hub;

/// <summary>
/// The subscriptions of one channel on this node, as a copy-on-write array: the dispatcher
/// iterates it without a lock or an allocation, subscribe and unsubscribe pay the copy.
/// </summary>
internal sealed class ChannelSubscribers
{
    private readonly Lock _lock = new();
    private Subscription[] _items = [];
    private bool _retired;

    public Subscription[] Items => Volatile.Read(ref _items);

    /// <summary>False when this instance was retired (emptied and removed from the index): use a fresh one.</summary>
    public bool TryAdd(Subscription subscription)
    {
        lock (_lock)
        {
            if (_retired)
            {
                return false;
            }

            Volatile.Write(ref _items, [.. _items, subscription]);
            return true;
        }
    }

    /// <summary>Removes and reports whether the channel is now empty (and retired).</summary>
    public bool Remove(Subscription subscription)
    {
        lock (_lock)
        {
            var index = Array.IndexOf(_items, subscription);
            if (index >= 0)
            {
                var next = new Subscription[_items.Length - 1];
                Array.Copy(_items, 0, next, 0, index);
                Array.Copy(_items, index + 1, next, index, _items.Length - index - 1);
                Volatile.Write(ref _items, next);
            }

            _retired = _items.Length == 0;
            return _retired;
        }
    }
}
