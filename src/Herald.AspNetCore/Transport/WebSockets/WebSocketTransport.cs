using System.Buffers;
using System.Net.WebSockets;
using Herald.Transport;

namespace Herald.AspNetCore.Transport.WebSockets;

/// <summary>
/// Protocol v1 over a WebSocket: a batch goes out as one text frame, its messages joined with
/// '\n' (without <paramref name="coalesce"/>, one frame per message, for formats whose clients
/// parse one JSON value per frame); client frames come in as text messages up to <c>MaxFrameBytes</c>.
/// </summary>
internal sealed partial class WebSocketTransport(WebSocket socket, int maxFrameBytes, bool coalesce = true) : ITransport
{
    public bool IsDuplex => true;

    public ValueTask<bool> SendAsync(ReadOnlyMemory<OutboundMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Length > 1)
        {
            return coalesce ? SendJoinedAsync(messages, cancellationToken) : SendEachAsync(messages, cancellationToken);
        }

        // The common case, one event to an idle connection: no state machine when the socket takes it at once.
        try
        {
            var send = socket.SendAsync(messages.Span[0].Bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            return send.IsCompletedSuccessfully ? new ValueTask<bool>(true) : AwaitAsync(send);
        }
        catch (Exception ex) when (IsConnectionFault(ex))
        {
            return new ValueTask<bool>(false);
        }
    }

    private static async ValueTask<bool> AwaitAsync(ValueTask send)
    {
        try
        {
            await send.ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (IsConnectionFault(ex))
        {
            return false;
        }
    }

    private async ValueTask<bool> SendJoinedAsync(ReadOnlyMemory<OutboundMessage> messages, CancellationToken cancellationToken)
    {
        var frame = Join(messages.Span, out var rented);
        try
        {
            await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (IsConnectionFault(ex))
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private async ValueTask<bool> SendEachAsync(ReadOnlyMemory<OutboundMessage> messages, CancellationToken cancellationToken)
    {
        try
        {
            for (var i = 0; i < messages.Length; i++)
            {
                await socket.SendAsync(messages.Span[i].Bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (Exception ex) when (IsConnectionFault(ex))
        {
            return false;
        }
    }

    public async ValueTask CloseAsync(int code, string reason, CancellationToken cancellationToken)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            await socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsConnectionFault(ex))
        {
            // The peer is gone; nothing left to tell it.
        }
    }

    public void Abort() => socket.Abort();

    private static ReadOnlyMemory<byte> Join(ReadOnlySpan<OutboundMessage> messages, out byte[] rented)
    {
        var length = messages.Length - 1;
        foreach (var message in messages)
        {
            length += message.Bytes.Length;
        }

        rented = ArrayPool<byte>.Shared.Rent(length);
        var written = 0;
        foreach (var message in messages)
        {
            if (written > 0)
            {
                rented[written++] = (byte)'\n';
            }

            message.Bytes.Span.CopyTo(rented.AsSpan(written));
            written += message.Bytes.Length;
        }

        return rented.AsMemory(0, written);
    }

    private static bool IsConnectionFault(Exception ex) =>
        ex is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException;
}
