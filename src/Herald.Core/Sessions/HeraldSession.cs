using System.Security.Cryptography;
using Herald.Hub;
using Herald.Log;
using Herald.Outbox;
using Herald.Protocol;
using Herald.Security;
using Herald.Transport;
using Herald.WireFormats;

namespace Herald.Sessions;

/// <summary>
/// One authenticated connection: its principal, subscriptions, commands and heartbeat. What it
/// sends goes through its <see cref="SessionOutbox"/> to an <see cref="ITransport"/>, which alone
/// knows the socket. One loop runs per session, the receive loop (commands, in order); sending
/// happens on whichever thread finds the transport idle. Any thread may <see cref="Close"/> it.
/// </summary>
internal sealed partial class HeraldSession : ISubscriber
{
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    private readonly ITransport _transport;
    private readonly WireConnection _wire;
    private readonly WireFormat _format;
    private readonly SessionOutbox _outbox;
    private readonly SessionServices _services;
    private readonly Dictionary<string, Subscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly BadMessageBudget _badMessages;
    private readonly IReadOnlyList<ServerSubscription> _serverSubscriptions;
    private readonly IReadOnlyDictionary<string, StreamPosition> _resumeAt;
    private HeraldPrincipal _principal;
    private long _lastActivity;
    private long _lastPing;
    private bool _expiringSent;
    private int _closing;
    private int _closeCode;
    private ITimer? _abortTimer;
    // Messages left in this heartbeat period: a counter refilled by the heartbeat tick rather
    // than a TokenBucketRateLimiter per connection (a few hundred bytes each, idle or not).
    private int _messageTokens;
    private int _rateRefusals;

    /// <param name="resumeAt">Where server-side subscriptions resume (the upgrade's <c>since</c>
    /// parameters, by channel); positions for other channels are ignored.</param>
    /// <param name="wire">What the connection speaks; protocol v1 when null.</param>
    public HeraldSession(ITransport transport, HeraldPrincipal principal, IReadOnlyList<ServerSubscription> serverSubscriptions, SessionServices services, IReadOnlyDictionary<string, StreamPosition>? resumeAt = null, WireConnection? wire = null)
    {
        _transport = transport;
        _wire = wire ?? HeraldWireFormats.V1Connection;
        _format = _wire.Format;
        _principal = principal;
        _services = services;
        _outbox = new SessionOutbox(transport, services.Options.SendQueueCapacity, services.Options.MaxCoalescedBytes, services.Counters, () => Close(CloseCodes.Abnormal, "connection lost", flush: false));
        _serverSubscriptions = serverSubscriptions;
        _resumeAt = resumeAt ?? ConnectPositions.None;
        Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        _badMessages = new BadMessageBudget(services.Options.BadMessageLimit, TimeSpan.FromSeconds(services.Options.BadMessageWindow), services.Time);
        _lastActivity = _lastPing = services.Time.GetTimestamp();
        _messageTokens = services.Options.MessagesPerSecond;
    }

    public string Id { get; }

    public HeraldPrincipal Principal => Volatile.Read(ref _principal);

    public PermissionSet Permissions => Principal.Permissions;

    public int SubscriptionCount => _subscriptions.Count;

    public bool IsClosing => Volatile.Read(ref _closing) != 0;

    /// <summary>The close code the server chose or the client sent; 0 while open.</summary>
    public int CloseCode => Volatile.Read(ref _closeCode);

    public async Task RunAsync(CancellationToken aborted)
    {
        _services.Registry.Add(this);
        _services.Counters.ConnectionOpened();
        var o = _services.Options;
        Send(_wire.Welcome(new WireWelcome(Id, o.NodeId, Principal.Subject, o.PingInterval)));
        try
        {
            foreach (var server in _serverSubscriptions)
            {
                var channel = server.ChannelFor(Principal.Subject);
                StreamPosition? since = _resumeAt.TryGetValue(channel, out var position) ? position : null;
                if (!await SubscribeAsync(default, channel, server.Events, since, server.Snapshot, aborted))
                {
                    // The mount exists for these channels: a principal refused one has no business here.
                    Close(CloseCodes.Forbidden, "not allowed on this endpoint", flush: true);
                }
            }

            foreach (var command in _wire.InitialCommands)
            {
                await HandleAsync(command, aborted);
            }

            await ReceiveLoopAsync(aborted);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            Close(CloseCodes.Abnormal, "connection lost", flush: false);
        }
        catch (Exception ex)
        {
            Log.SessionFaulted(_services.Logger, Id, ex);
            Close(CloseCodes.ServerError, "server error", flush: false);
        }
        finally
        {
            Close(CloseCodes.Normal, "", flush: false);
            await _outbox.Completion.ConfigureAwait(false);
            foreach (var subscription in _subscriptions.Values)
            {
                _services.Hub.Remove(subscription);
                _services.Counters.SubscriptionRemoved();
            }

            _subscriptions.Clear();
            _services.Registry.Remove(this);
            _services.Counters.ConnectionClosed();
            _services.Metrics.Closed(CloseCode);
            // Exchanged, not read: a Close racing this finally must not leave a timer behind the session.
            Interlocked.Exchange(ref _abortTimer, EndedTimer.Instance)?.Dispose();
        }
    }

    public void CloseSlowConsumer()
    {
        if (Close(CloseCodes.SlowConsumer, "send queue overflow", flush: false))
        {
            _services.Counters.SlowConsumerClosed();
        }
    }

    /// <summary>
    /// Starts closing with <paramref name="code"/>; only the first call wins. With
    /// <paramref name="flush"/> the queued messages are sent first, otherwise they are dropped
    /// (the client resumes with <c>since</c>). The transport is aborted if the peer does not
    /// complete the close in time (<see cref="AbortAfter"/>), so a dead peer never holds a session.
    /// </summary>
    public bool Close(int code, string reason, bool flush)
    {
        if (Interlocked.CompareExchange(ref _closing, 1, 0) != 0)
        {
            return false;
        }

        Volatile.Write(ref _closeCode, code);
        _outbox.Close(code, reason, flush);
        if (code is not (CloseCodes.Normal or CloseCodes.Abnormal))
        {
            Log.ClosedByServer(_services.Logger, Id, Principal.Subject, code, reason);
        }

        var timer = _services.Time.CreateTimer(static s => ((ITransport)s!).Abort(), _transport, AbortAfter(code, flush), Timeout.InfiniteTimeSpan);
        if (Interlocked.CompareExchange(ref _abortTimer, timer, null) is not null)
        {
            // The session has already ended: nothing is left to abort.
            timer.Dispose();
        }
        return true;
    }

    /// <summary>
    /// How long the peer gets before the socket is aborted. A slow consumer is stalled by
    /// definition: the frame in flight sits behind its full TCP window and the close frame behind
    /// that, so the usual handshake timeout would abort it before it could read its 4008. An abort
    /// discards what the kernel still holds, and the client would only ever see 1006.
    /// </summary>
    private TimeSpan AbortAfter(int code, bool flush)
    {
        var o = _services.Options;
        if (code == CloseCodes.SlowConsumer)
        {
            return o.SlowConsumerCloseGrace;
        }

        return flush ? o.DrainTimeout + CloseHandshakeTimeout : CloseHandshakeTimeout;
    }

    private void MarkActivity() => Volatile.Write(ref _lastActivity, _services.Time.GetTimestamp());
}
