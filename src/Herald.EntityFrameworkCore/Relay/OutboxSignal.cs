using System.Collections.Concurrent;

namespace Herald.EntityFrameworkCore.Relay;

/// <summary>
/// Wakes a context type's relay after a commit that wrote outbox rows. A wake-up that arrives
/// while the relay is busy is kept (one), so a commit is never left waiting for the poll.
/// </summary>
public sealed class OutboxSignal
{
    private readonly ConcurrentDictionary<Type, SemaphoreSlim> _signals = new();

    public void Wake(Type contextType)
    {
        var signal = For(contextType);
        if (signal.CurrentCount == 0)
        {
            try
            {
                signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another commit woke it first; one wake-up is all the relay needs.
            }
        }
    }

    /// <summary>True when woken, false when <paramref name="timeout"/> passed first.</summary>
    public Task<bool> WaitAsync(Type contextType, TimeSpan timeout, CancellationToken cancellationToken) =>
        For(contextType).WaitAsync(timeout, cancellationToken);

    private SemaphoreSlim For(Type contextType) => _signals.GetOrAdd(contextType, static _ => new SemaphoreSlim(0, 1));
}
