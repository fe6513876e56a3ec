using System.Buffers;
using System.Net.WebSockets;
using Herald.Protocol;
using Herald.Transport;

namespace Herald.AspNetCore.Transport.WebSockets;

internal sealed partial class WebSocketTransport
{
    private const int InitialReceiveBuffer = 4096;

    private byte[]? _received;

    /// <summary>
    /// Each message starts with a zero-byte receive, so an idle connection holds no receive buffer:
    /// one is rented only once a frame has arrived, and returned on the next call, after the command ran.
    /// </summary>
    public async ValueTask<TransportRead> ReceiveAsync(CancellationToken cancellationToken)
    {
        ReturnBuffer();
        try
        {
            if (socket.State is not (WebSocketState.Open or WebSocketState.CloseSent))
            {
                return TransportRead.Lost;
            }

            var first = await socket.ReceiveAsync(Memory<byte>.Empty, cancellationToken).ConfigureAwait(false);
            return first.MessageType == WebSocketMessageType.Close ? PeerClosed() : await ReceiveMessageAsync(first, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            ReturnBuffer();
            return TransportRead.Lost;
        }
    }

    private async ValueTask<TransportRead> ReceiveMessageAsync(ValueWebSocketReceiveResult result, CancellationToken cancellationToken)
    {
        var buffer = _received = ArrayPool<byte>.Shared.Rent(Math.Min(InitialReceiveBuffer, maxFrameBytes + 1));
        var length = 0;
        while (!result.EndOfMessage && length <= maxFrameBytes)
        {
            if (length == buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxFrameBytes + 1));
                buffer.AsSpan(0, length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = _received = larger;
            }

            result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            length += result.Count;
        }

        if (result.MessageType == WebSocketMessageType.Text && length <= maxFrameBytes)
        {
            return TransportRead.Message(new ReadOnlySequence<byte>(buffer, 0, length));
        }

        ReturnBuffer();
        return result.MessageType switch
        {
            // A close frame in the middle of a fragmented message.
            WebSocketMessageType.Close => PeerClosed(),
            _ when length > maxFrameBytes => TransportRead.TooLarge,
            _ => TransportRead.Binary,
        };
    }

    private TransportRead PeerClosed() =>
        TransportRead.Closed(socket.CloseStatus is { } status ? (int)status : CloseCodes.Normal, socket.CloseStatusDescription ?? "");

    private void ReturnBuffer()
    {
        if (_received is { } buffer)
        {
            _received = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
