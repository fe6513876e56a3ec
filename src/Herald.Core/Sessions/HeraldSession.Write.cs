using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;

namespace Herald.Sessions;

internal sealed partial class HeraldSession
{
    /// <summary>
    /// The only sender on the socket. When several messages are queued it joins them with '\n'
    /// into one frame (one write, one syscall) up to <c>MaxCoalescedBytes</c>.
    /// </summary>
    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var limit = _services.Options.MaxCoalescedBytes;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                if (_discardQueue || !reader.TryRead(out var first))
                {
                    if (_discardQueue)
                    {
                        break;
                    }

                    continue;
                }

                if (!reader.TryPeek(out var next) || first.Length + 1 + next.Length > limit)
                {
                    await _socket.SendAsync(first, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
                    _services.Counters.Sent(first.Length);
                    continue;
                }

                await SendCoalescedAsync(first, reader, limit).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            Close(Protocol.CloseCodes.Abnormal, "connection lost", flush: false);
        }

        await SendCloseFrameAsync().ConfigureAwait(false);
    }

    private async ValueTask SendCoalescedAsync(ReadOnlyMemory<byte> first, ChannelReader<ReadOnlyMemory<byte>> reader, int limit)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(limit);
        try
        {
            first.Span.CopyTo(buffer);
            var length = first.Length;
            while (!_discardQueue && reader.TryPeek(out var next) && length + 1 + next.Length <= limit && reader.TryRead(out next))
            {
                buffer[length++] = (byte)'\n';
                next.Span.CopyTo(buffer.AsSpan(length));
                length += next.Length;
            }

            await _socket.SendAsync(buffer.AsMemory(0, length), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
            _services.Counters.Sent(length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task SendCloseFrameAsync()
    {
        var code = CloseCode;
        if (code == Protocol.CloseCodes.Abnormal || _socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            await _socket.CloseOutputAsync((WebSocketCloseStatus)code, _closeReason, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The peer is gone; nothing left to tell it.
        }
    }
}
