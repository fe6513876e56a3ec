using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;

namespace Herald.Client;

/// <summary>
/// One connection and what the client knows about it, over its wire (a WebSocket, or a
/// Server-Sent Events stream): it gives up on a connection that has been silent longer than the
/// heartbeat allows (a laptop that slept, a NAT that forgot).
/// </summary>
internal sealed class WireConnection : IAsyncDisposable
{
    private readonly IWire _wire;

    private WireConnection(IWire wire, long generation, HeraldCredential credential, TimeSpan idleTimeout)
    {
        _wire = wire;
        Generation = generation;
        Credential = credential;
        IdleTimeout = idleTimeout;
    }

    /// <summary>Counts connections over the client's life; a subscription remembers on which one it subscribed.</summary>
    public long Generation { get; }

    /// <summary>The credential in force: the one connected with, or the last one accepted by <c>refresh</c>.</summary>
    public HeraldCredential Credential { get; set; }

    /// <summary>Silence longer than this ends the connection; set from <c>welcome</c>'s ping interval.</summary>
    public TimeSpan IdleTimeout { get; set; }

    public DateTimeOffset? WelcomedAt { get; set; }

    /// <summary>The last <c>error</c> without an id: the server's reason for the close that follows.</summary>
    public (string Code, string Message)? LastError { get; set; }

    public ConcurrentDictionary<long, PendingReply> Pending { get; } = new();

    /// <summary>The positions sent on the URL, by channel: the mount's own subscriptions, or every channel of a stream.</summary>
    public IReadOnlyDictionary<string, StreamPosition> ResumeAt { get; set; } = new Dictionary<string, StreamPosition>();

    /// <summary>What a Server-Sent Events stream's URL asked for; null on a WebSocket.</summary>
    public StreamRequest? Stream { get; init; }

    /// <summary>Subscriptions waiting for the mount to announce their channel (under the client's lock).</summary>
    public Dictionary<string, HeraldSubscription> Awaiting { get; } = new(StringComparer.Ordinal);

    /// <summary>The id of the ping whose answer means every announcement has arrived.</summary>
    public long AnnouncementBarrier { get; set; } = -1;

    public static async Task<WireConnection> OpenAsync(Uri url, HeraldCredential credential, HeraldClientOptions options, long generation, StreamRequest? stream, HttpClient? http, CancellationToken cancellationToken)
    {
        var wire = stream is null
            ? await WebSocketWire.OpenAsync(url, credential, options, cancellationToken).ConfigureAwait(false)
            : await SseWire.OpenAsync(http!, url, credential, options, cancellationToken).ConfigureAwait(false);
        return new WireConnection(wire, generation, credential, options.HeartbeatTimeout ?? TimeSpan.FromSeconds(60)) { Stream = stream };
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken) => _wire.SendAsync(message, cancellationToken);

    /// <summary>Sends <c>message</c>, ignoring a connection that is already going: the reconnect path restores state anyway.</summary>
    public async ValueTask TrySendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            // The read loop sees the close and reconnects.
        }
    }

    /// <summary>Starts closing without waiting for it; the read loop sees the end.</summary>
    public ValueTask CloseOutputAsync(int code, string reason, TimeSpan timeout) => _wire.CloseOutputAsync(code, reason, timeout);

    /// <summary>Reads until the connection ends; each message goes to <paramref name="onMessage"/> in order.</summary>
    public async Task<CloseInfo> ReadAsync(Func<JsonElement, ValueTask> onMessage, CancellationToken cancellationToken)
    {
        var end = await _wire.ReadAsync(onMessage, () => IdleTimeout, cancellationToken).ConfigureAwait(false);
        return end.ErrorCode is { } code
            ? new CloseInfo(end.Code, end.Description, code, end.ErrorMessage)
            : new CloseInfo(end.Code, end.Description, LastError?.Code, LastError?.Message);
    }

    public async ValueTask DisposeAsync()
    {
        await _wire.DisposeAsync().ConfigureAwait(false);
        foreach (var pending in Pending.Values)
        {
            pending.Reply.TrySetCanceled();
        }
    }
}
