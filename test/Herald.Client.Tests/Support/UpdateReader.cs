namespace Herald.Client.Tests.Support;

/// <summary>Reads a subscription with deadlines, so a missing update fails the test instead of hanging it.</summary>
public sealed class UpdateReader(HeraldSubscription subscription) : IAsyncDisposable
{
    private readonly IAsyncEnumerator<ChannelUpdate> _enumerator = subscription.GetAsyncEnumerator();

    public async Task<ChannelUpdate> NextAsync(TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        if (!await _enumerator.MoveNextAsync().AsTask().WaitAsync(limit))
        {
            throw new InvalidOperationException("The subscription ended.");
        }

        return _enumerator.Current;
    }

    public async Task<T> NextAsync<T>(TimeSpan? timeout = null)
        where T : ChannelUpdate
    {
        var update = await NextAsync(timeout);
        return update.ShouldBeOfType<T>();
    }

    public async Task<List<HeraldEvent>> EventsAsync(int count, TimeSpan? timeout = null)
    {
        var events = new List<HeraldEvent>();
        while (events.Count < count)
        {
            events.Add(await NextAsync<HeraldEvent>(timeout));
        }

        return events;
    }

    /// <summary>True when the subscription's enumeration has ended (the next move returns false).</summary>
    public async Task<bool> EndedAsync(TimeSpan? timeout = null) =>
        !await _enumerator.MoveNextAsync().AsTask().WaitAsync(timeout ?? TimeSpan.FromSeconds(10));

    public ValueTask DisposeAsync() => _enumerator.DisposeAsync();
}
