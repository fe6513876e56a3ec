using System.Collections.Concurrent;
namespace Herald.Log.Memory;

/// <summary>
/// The log kept in process memory: fast and exact, lost on restart (every stream then gets a
/// new epoch, so resuming clients are told <c>recovered: false</c>).
/// </summary>
internal sealed class InMemoryEventLog : IEventLog
{
    private readonly ConcurrentDictionary<string, ChannelStream> _streams = new(StringComparer.Ordinal);
    private readonly Lock _appendLock = new();
    private readonly IdempotencyCache _idempotency;
    private readonly TimeProvider _time;

    public InMemoryEventLog(TimeProvider time)
    {
        _time = time;
        _idempotency = new IdempotencyCache(time, TimeSpan.FromHours(24));
    }

    public ValueTask<IReadOnlyList<AppendOutcome>> AppendAsync(IReadOnlyList<AppendRequest> batch, CancellationToken cancellationToken)
    {
        var outcomes = new AppendOutcome[batch.Count];
        var now = _time.GetUtcNow();

        // One writer at a time keeps idempotency checks and appends atomic; the publish pipeline
        // already serializes batches, so this lock is uncontended.
        lock (_appendLock)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var request = batch[i];
                if (request.IdempotencyKey is { } key && _idempotency.TryGet(key, out var earlier))
                {
                    outcomes[i] = earlier;
                    continue;
                }

                var entry = Stream(request.Channel).Append(request, now);
                outcomes[i] = new AppendOutcome(entry.Channel, entry.Epoch, entry.Offset, entry);
                if (request.IdempotencyKey is { } newKey)
                {
                    _idempotency.Add(newKey, outcomes[i]);
                }
            }
        }

        return ValueTask.FromResult<IReadOnlyList<AppendOutcome>>(outcomes);
    }

    public ValueTask<StreamHead> ReadHeadAsync(string channel, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Stream(channel).Head);

    public ValueTask<IReadOnlyList<LogEntry>> ReadRangeAsync(string channel, long after, long through, int limit, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_streams.TryGetValue(channel, out var stream) ? stream.Range(after, through, limit) : []);

    public ValueTask<IReadOnlyList<LogEntry>> ReadLatestAsync(string channel, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_streams.TryGetValue(channel, out var stream) ? stream.Latest() : []);

    public ValueTask<bool> IsHealthyAsync(CancellationToken cancellationToken) => ValueTask.FromResult(true);

    // A subscriber to an empty channel creates its stream, so the epoch it is told stays valid.
    private ChannelStream Stream(string channel) =>
        _streams.GetOrAdd(channel, static name => new ChannelStream(name, Epochs.New()));
}
