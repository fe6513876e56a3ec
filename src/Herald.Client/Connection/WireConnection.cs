using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;

namespace Herald.Client;

/// <summary>
/// One WebSocket connection: opens with the credential in a header, sends one message per frame
/// under a lock, reads frames and splits them on '\n', and gives up on a connection that has been
/// silent longer than the heartbeat allows (a laptop that slept, a NAT that forgot).
/// </summary>
internal sealed class WireConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    private WireConnection(ClientWebSocket socket, TimeProvider time, long generation, HeraldCredential credential)
    {
        _socket = socket;
        _time = time;
        Generation = generation;
        Credential = credential;
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

    /// <summary>The positions sent on the upgrade URL, by channel, for the mount's own subscriptions.</summary>
    public IReadOnlyDictionary<string, StreamPosition> ResumeAt { get; set; } = new Dictionary<string, StreamPosition>();

    /// <summary>Subscriptions waiting for the mount to announce their channel (under the client's lock).</summary>
    public Dictionary<string, HeraldSubscription> Awaiting { get; } = new(StringComparer.Ordinal);

    /// <summary>The id of the ping whose answer means every announcement has arrived.</summary>
    public long AnnouncementBarrier { get; set; } = -1;

    public static async Task<WireConnection> OpenAsync(Uri url, HeraldCredential credential, HeraldClientOptions options, long generation, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (credential.Kind == CredentialKind.Token)
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + credential.Value);
        }
        else
        {
            socket.Options.SetRequestHeader("X-Api-Key", credential.Value);
        }

        options.ConfigureWebSocket?.Invoke(socket.Options);
        using var timeout = new CancellationTokenSource(options.ConnectTimeout, options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await socket.ConnectAsync(url, linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when ((ex is WebSocketException or HttpRequestException or OperationCanceledException) && !cancellationToken.IsCancellationRequested)
        {
            var status = socket.HttpStatusCode == 0 ? (int?)null : (int)socket.HttpStatusCode;
            socket.Dispose();
            // "Unable to connect to the remote server" alone does not say why; the socket error inside does.
            var cause = ex.InnerException is { } inner && inner.Message != ex.Message ? $"{ex.Message} ({inner.Message})" : ex.Message;
            var what = timeout.IsCancellationRequested ? $"no answer within {options.ConnectTimeout.TotalSeconds:0.#} s" : cause;
            throw new ConnectFailedException(status, $"cannot connect to {url.GetLeftPart(UriPartial.Path)}: {what}", ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new WireConnection(socket, options.TimeProvider, generation, credential) { IdleTimeout = options.HeartbeatTimeout ?? TimeSpan.FromSeconds(60) };
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(message, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

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

    /// <summary>Starts the closing handshake without waiting for it; the read loop sees the server's answer.</summary>
    public async ValueTask CloseOutputAsync(int code, string reason, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout, _time);
        try
        {
            await _sendLock.WaitAsync(cts.Token).ConfigureAwait(false);
            try
            {
                if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await _socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, cts.Token).ConfigureAwait(false);
                }
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            _socket.Abort();
        }
    }

    /// <summary>Reads until the connection ends; each message goes to <paramref name="onMessage"/> in order.</summary>
    public async Task<CloseInfo> ReadAsync(Func<JsonElement, ValueTask> onMessage, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var frame = new ArrayBufferWriter<byte>(16 * 1024);
        using var idle = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        try
        {
            while (true)
            {
                idle.CancelAfter(IdleTimeout);
                var result = await _socket.ReceiveAsync(buffer.AsMemory(), linked.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return await AnswerCloseAsync().ConfigureAwait(false);
                }

                frame.Write(buffer.AsSpan(0, result.Count));
                if (!result.EndOfMessage)
                {
                    continue;
                }

                await DispatchFrameAsync(frame.WrittenMemory, onMessage).ConfigureAwait(false);
                frame.ResetWrittenCount();
            }
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            _socket.Abort();
            return Closed(HeraldCloseCodes.Abnormal, $"no message from the server for {IdleTimeout.TotalSeconds:0.#} s");
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
        {
            return Closed(HeraldCloseCodes.Abnormal, ex.Message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        _sendLock.Dispose();
        foreach (var pending in Pending.Values)
        {
            pending.Reply.TrySetCanceled();
        }

        return ValueTask.CompletedTask;
    }

    private static async ValueTask DispatchFrameAsync(ReadOnlyMemory<byte> frame, Func<JsonElement, ValueTask> onMessage)
    {
        // The server may join several messages with '\n' (JSON text never holds a raw newline).
        while (!frame.IsEmpty)
        {
            var end = frame.Span.IndexOf((byte)'\n');
            var line = end < 0 ? frame : frame[..end];
            frame = end < 0 ? ReadOnlyMemory<byte>.Empty : frame[(end + 1)..];
            if (line.IsEmpty)
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            await onMessage(document.RootElement).ConfigureAwait(false);
        }
    }

    private async Task<CloseInfo> AnswerCloseAsync()
    {
        var code = (int?)_socket.CloseStatus ?? HeraldCloseCodes.Abnormal;
        var description = _socket.CloseStatusDescription ?? "";
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2), _time);
            await _sendLock.WaitAsync(cts.Token).ConfigureAwait(false);
            try
            {
                if (_socket.State == WebSocketState.CloseReceived)
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", cts.Token).ConfigureAwait(false);
                }
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // The server has already said its last word.
        }

        return Closed(code, description);
    }

    private CloseInfo Closed(int code, string description) => new(code, description, LastError?.Code, LastError?.Message);
}
