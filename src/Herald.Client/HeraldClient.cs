using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Herald.Client;

/// <summary>
/// A Herald connection that keeps itself alive: it reconnects with exponential backoff and jitter,
/// honours the close codes (stop on 4003, 4400, and 4001 when the credential provider has nothing
/// new; resume otherwise), restores every subscription with <c>since</c>, drops duplicates by offset,
/// and answers <c>expiring</c> with <c>refresh</c>.
/// </summary>
/// <example>
/// <code>
/// await using var client = new HeraldClient(new HeraldClientOptions
/// {
///     Url = new Uri("wss://herald.example.com/ws"),
///     Credentials = CredentialProviders.Token(ct => tokens.GetAsync(ct)),
/// });
/// await using var job = await client.SubscribeAsync("job:42");
/// await foreach (var update in job) { … }
/// </code>
/// </example>
public sealed partial class HeraldClient : IAsyncDisposable
{
    private readonly HeraldClientOptions _options;
    private readonly Uri _url;
    private readonly Backoff _backoff;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, HeraldSubscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _firstWelcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<HeraldStopReason> _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HttpClient? _http;
    private Task? _loop;
    private WireConnection? _live;
    private HeraldWelcome? _welcome;
    private ConnectionState _state;
    private long _nextId;
    private long _generation;
    private int _connectCount;
    private int _disposed;

    public HeraldClient(HeraldClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Url);
        ArgumentNullException.ThrowIfNull(options.Credentials);
        if (!Enum.IsDefined(options.Transport))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Transport, "Transport is WebSocket or ServerSentEvents.");
        }

        _options = options;
        if (options.Transport == HeraldTransport.ServerSentEvents)
        {
            _url = StreamUrl(options.Url);
            // The stream lives as long as the connection: no request timeout.
            _http = new HttpClient(options.HttpHandler ?? new SocketsHttpHandler(), disposeHandler: options.HttpHandler is null) { Timeout = Timeout.InfiniteTimeSpan };
        }
        else
        {
            _url = WebSocketUrl(options.Url);
        }

        _backoff = new Backoff(options.Backoff);
        _time = options.TimeProvider;
        _log = options.Logger ?? NullLogger.Instance;
    }

    /// <summary>Raised on the client's own task at every state change; keep handlers short.</summary>
    public event EventHandler<ConnectionStateChangedEventArgs>? StateChanged;

    public ConnectionState State => _state;

    /// <summary>The current (or last) connection's <c>welcome</c>.</summary>
    public HeraldWelcome? Welcome => Volatile.Read(ref _welcome);

    /// <summary>How many connections were welcomed so far: 1 after the first connect, +1 per reconnect.</summary>
    public int ConnectCount => Volatile.Read(ref _connectCount);

    /// <summary>Completes when the client stops for good, with the reason.</summary>
    public Task<HeraldStopReason> Stopped => _stopped.Task;

    /// <summary>
    /// Connects and returns once the server has welcomed the client, retrying with backoff while the
    /// server is unreachable. Throws <see cref="HeraldStoppedException"/> if the client stops first.
    /// </summary>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        EnsureStarted();
        await Task.WhenAny(_firstWelcome.Task, _stopped.Task).WaitAsync(cancellationToken).ConfigureAwait(false);

        // Welcomed and then stopped at once (a server that welcomes, refuses and closes) is still a
        // connect that happened: the stop is reported by Stopped, not by this call.
        if (!_firstWelcome.Task.IsCompleted && _stopped.Task.IsCompleted)
        {
            throw new HeraldStoppedException(await _stopped.Task.ConfigureAwait(false));
        }
    }

    /// <summary>
    /// Subscribes to <paramref name="channel"/> and returns once the server answered <c>subscribed</c>
    /// (connecting first if needed). Throws <see cref="HeraldException"/> with the server's code when refused.
    /// </summary>
    public async Task<HeraldSubscription> SubscribeAsync(string channel, SubscribeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ThrowIfStopped();
        var subscription = new HeraldSubscription(this, channel, options ?? new SubscribeOptions());
        WireConnection? live;
        lock (_gate)
        {
            if (!_subscriptions.TryAdd(channel, subscription))
            {
                throw new InvalidOperationException($"Already subscribed to {channel}; dispose that subscription first.");
            }

            live = _live;
        }

        EnsureStarted();
        if (IsStream)
        {
            ChannelAdded();
            if (live is not null)
            {
                await ReopenAsync(live).ConfigureAwait(false);
            }
        }
        else if (live is not null)
        {
            await SendSubscribeAsync(live, subscription, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await subscription.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await UnsubscribeAsync(subscription).ConfigureAwait(false);
            throw;
        }

        return subscription;
    }

    /// <summary>Closes the connection with 1000 and ends every subscription's enumeration.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        WireConnection? live;
        Task? loop;
        lock (_gate)
        {
            live = _live;
            loop = _loop;
        }

        if (live is not null)
        {
            await live.CloseOutputAsync(HeraldCloseCodes.Normal, "bye", TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }

        if (loop is not null)
        {
            // Give the server a moment to answer the close; then stop waiting for it.
            await Task.WhenAny(loop, Task.Delay(TimeSpan.FromSeconds(1), _time)).ConfigureAwait(false);
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }

        Stop(new HeraldStopReason(HeraldCloseCodes.Normal, null, "the client was disposed") { Disposed = true });
        _stopping.Dispose();
        _channelAdded.Dispose();
        _http?.Dispose();
    }

    internal async ValueTask UnsubscribeAsync(HeraldSubscription subscription)
    {
        WireConnection? live;
        lock (_gate)
        {
            if (_subscriptions.TryGetValue(subscription.Channel, out var current) && ReferenceEquals(current, subscription))
            {
                _subscriptions.Remove(subscription.Channel);
            }

            live = _live is { } connection && connection.Generation == subscription.Generation ? connection : null;
        }

        if (!subscription.End(null) || live is null)
        {
            return;
        }

        if (live.Stream is null)
        {
            await live.TrySendAsync(ClientMessages.Unsubscribe(Interlocked.Increment(ref _nextId), subscription.Channel), CancellationToken.None).ConfigureAwait(false);
        }
        else if (HasSubscriptions)
        {
            // A stream with no channel left is refused, so the last one's stream stays until the next subscribe (its events are dropped).
            await ReopenAsync(live).ConfigureAwait(false);
        }
    }

    private static Uri WebSocketUrl(Uri url) => url.Scheme switch
    {
        "http" => new UriBuilder(url) { Scheme = "ws", Port = url.IsDefaultPort ? -1 : url.Port }.Uri,
        "https" => new UriBuilder(url) { Scheme = "wss", Port = url.IsDefaultPort ? -1 : url.Port }.Uri,
        _ => url,
    };

    private void EnsureStarted()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        lock (_gate)
        {
            _loop ??= Task.Run(RunAsync);
        }
    }

    private void ThrowIfStopped()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_stopped.Task.IsCompleted)
        {
            throw new HeraldStoppedException(_stopped.Task.Result);
        }
    }

    private void SetState(ConnectionState state, int? closeCode = null, TimeSpan? retryIn = null, string? reason = null)
    {
        _state = state;
        try
        {
            StateChanged?.Invoke(this, new ConnectionStateChangedEventArgs(state, closeCode, retryIn, reason));
        }
        catch (Exception ex)
        {
            ClientLog.HandlerFailed(_log, ex);
        }
    }

    private void Stop(HeraldStopReason reason)
    {
        if (!_stopped.TrySetResult(reason))
        {
            return;
        }

        List<HeraldSubscription> ended;
        lock (_gate)
        {
            ended = [.. _subscriptions.Values];
            _subscriptions.Clear();
            _live = null;
        }

        var error = reason.Disposed ? null : new HeraldStoppedException(reason);
        foreach (var subscription in ended)
        {
            subscription.End(error);
        }

        if (!reason.Disposed)
        {
            ClientLog.Stopped(_log, reason.Message, reason.CloseCode, reason.ErrorCode);
        }

        SetState(ConnectionState.Stopped, reason.CloseCode, null, reason.Message);
    }
}
