using System.Threading.Channels;

namespace Herald.Client;

/// <summary>
/// One channel, for as long as the application holds it: an <see cref="IAsyncEnumerable{T}"/> of
/// <see cref="ChannelUpdate"/>s that survives reconnects. After each reconnect the client subscribes
/// again with <c>since</c> = <see cref="Position"/>, drops events it already yielded, and yields a
/// <see cref="HistoryGap"/> (then a snapshot, if asked for) when the server could not replay.
/// Disposing it unsubscribes. Enumerate it once.
/// </summary>
public sealed class HeraldSubscription : IAsyncEnumerable<ChannelUpdate>, IAsyncDisposable
{
    private readonly HeraldClient _client;
    private readonly Channel<ChannelUpdate> _updates = System.Threading.Channels.Channel.CreateUnbounded<ChannelUpdate>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private StreamPosition? _position;
    private long _duplicates;
    private int _ended;

    internal HeraldSubscription(HeraldClient client, string channel, SubscribeOptions options)
    {
        _client = client;
        Channel = channel;
        Options = options;
        _position = options.Since;
    }

    public string Channel { get; }

    public SubscribeOptions Options { get; }

    /// <summary>The epoch and offset of the last event or snapshot yielded; keep it to resume after a process restart.</summary>
    public StreamPosition? Position => Volatile.Read(ref _position);

    /// <summary>The stream's epoch and last offset when the server last answered <c>subscribed</c> (at the first subscribe, then at each resume).</summary>
    public StreamPosition? SubscribedAt { get; private set; }

    /// <summary>Events the server sent again (at a resume seam) that were dropped by offset.</summary>
    public long DuplicatesDropped => Interlocked.Read(ref _duplicates);

    /// <summary>Completes when the subscription ends: disposed, taken away by the server, or the client stopped.</summary>
    public Task Completion => _updates.Reader.Completion;

    /// <summary>The connection generation the current <c>subscribe</c> was sent on.</summary>
    internal long Generation { get; set; } = -1;

    /// <summary>The <c>since</c> sent with the current <c>subscribe</c>.</summary>
    internal StreamPosition? SentSince { get; set; }

    /// <summary>True between this connection's <c>subscribed</c> and its end: events before it are not ours yet.</summary>
    internal bool Active { get; set; }

    internal Task Ready => _ready.Task;

    public IAsyncEnumerator<ChannelUpdate> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        _updates.Reader.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

    /// <summary>Unsubscribes; the enumeration ends after the updates already received.</summary>
    public ValueTask DisposeAsync() => _client.UnsubscribeAsync(this);

    internal void OnSubscribed(string epoch, long offset, bool? recovered)
    {
        SubscribedAt = new StreamPosition(epoch, offset);
        var since = SentSince;
        if (since is null)
        {
            Volatile.Write(ref _position, new StreamPosition(epoch, offset));
        }
        else if (recovered != true)
        {
            var now = new StreamPosition(epoch, offset);
            Volatile.Write(ref _position, now);
            _updates.Writer.TryWrite(new HistoryGap(Channel, since, now, Options.Snapshot));
        }
        else if (_position is { } kept && kept.Epoch != epoch)
        {
            Volatile.Write(ref _position, kept with { Epoch = epoch });
        }

        Active = true;
        _ready.TrySetResult();
    }

    internal void OnEvent(HeraldEvent update)
    {
        var position = _position;
        if (!Active)
        {
            return;
        }

        if (position is not null && update.Offset <= position.Offset)
        {
            Interlocked.Increment(ref _duplicates);
            return;
        }

        Volatile.Write(ref _position, new StreamPosition(position?.Epoch ?? "", update.Offset));
        _updates.Writer.TryWrite(update);
    }

    internal void OnSnapshot(HeraldSnapshot snapshot)
    {
        if (!Active)
        {
            return;
        }

        Volatile.Write(ref _position, snapshot.Position);
        _updates.Writer.TryWrite(snapshot);
    }

    /// <summary>Ends the subscription: normally (<paramref name="error"/> null) or with the reason the enumeration throws.</summary>
    internal bool End(Exception? error)
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            return false;
        }

        Active = false;
        _updates.Writer.TryComplete(error);
        if (error is not null)
        {
            _ready.TrySetException(error);
        }
        else
        {
            _ready.TrySetCanceled();
        }

        return true;
    }

    internal bool Ended => Volatile.Read(ref _ended) != 0;
}
