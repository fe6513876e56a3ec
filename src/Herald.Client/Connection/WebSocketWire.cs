using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;

namespace Herald.Client;

/// <summary>
/// A WebSocket: opens with the credential in a header, sends one message per frame under a lock,
/// reads frames and splits them on '\n'.
/// </summary>
internal sealed class WebSocketWire : IWire
{
    private readonly ClientWebSocket _socket;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    private WebSocketWire(ClientWebSocket socket, TimeProvider time)
    {
        _socket = socket;
        _time = time;
    }

    public static async Task<IWire> OpenAsync(Uri url, HeraldCredential credential, HeraldClientOptions options, CancellationToken cancellationToken)
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

        return new WebSocketWire(socket, options.TimeProvider);
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
    public async Task<WireEnd> ReadAsync(Func<JsonElement, ValueTask> onMessage, Func<TimeSpan> idleTimeout, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var frame = new ArrayBufferWriter<byte>(16 * 1024);
        using var idle = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        try
        {
            while (true)
            {
                idle.CancelAfter(idleTimeout());
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
            return Closed(HeraldCloseCodes.Abnormal, $"no message from the server for {idleTimeout().TotalSeconds:0.#} s");
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

    private async Task<WireEnd> AnswerCloseAsync()
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

    private static WireEnd Closed(int code, string description) => new(code, description);
}
