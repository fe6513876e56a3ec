using Herald.Log;
using Herald.Log.Memory;

namespace Herald.Api.Tests.Support;

/// <summary>
/// The in-memory log with two switches: <see cref="Down"/> makes it fail at once, as a database
/// that refuses connections would; <see cref="Stall"/> makes it answer nothing until
/// <see cref="Resume"/>, as one behind a network that stopped forwarding would.
/// </summary>
internal sealed class OutageLog(InMemoryEventLog inner) : IEventLog
{
    private static readonly TaskCompletionSource Running = Completed();
    private volatile TaskCompletionSource _resumed = Running;

    public volatile bool Down;

    public void Stall() => _resumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Resume() => _resumed.TrySetResult();

    public async ValueTask<IReadOnlyList<AppendOutcome>> AppendAsync(IReadOnlyList<AppendRequest> batch, CancellationToken cancellationToken)
    {
        await _resumed.Task;
        return Down ? throw new IOException("the store is down") : await inner.AppendAsync(batch, cancellationToken);
    }

    public ValueTask<StreamHead> ReadHeadAsync(string channel, CancellationToken cancellationToken) => inner.ReadHeadAsync(channel, cancellationToken);

    public ValueTask<IReadOnlyList<LogEntry>> ReadRangeAsync(string channel, long after, long through, int limit, CancellationToken cancellationToken) =>
        inner.ReadRangeAsync(channel, after, through, limit, cancellationToken);

    public ValueTask<IReadOnlyList<LogEntry>> ReadLatestAsync(string channel, CancellationToken cancellationToken) => inner.ReadLatestAsync(channel, cancellationToken);

    public async ValueTask<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        await _resumed.Task;
        return !Down;
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }
}
