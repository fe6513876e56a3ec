using System.Buffers;
using System.Net.WebSockets;
using Herald.Protocol;

namespace Herald.Sessions;

internal sealed partial class HeraldSession
{
    private const int InitialReceiveBuffer = 4096;

    /// <summary>
    /// Reads client frames until the close handshake ends or the socket fails; commands run in order.
    /// Each message starts with a zero-byte receive, so an idle session holds no receive buffer:
    /// one is rented only once a frame has arrived, and returned after the command ran.
    /// </summary>
    private async Task ReceiveLoopAsync(CancellationToken aborted)
    {
        while (_socket.State is WebSocketState.Open or WebSocketState.CloseSent)
        {
            var first = await _socket.ReceiveAsync(Memory<byte>.Empty, aborted).ConfigureAwait(false);
            if (first.MessageType == WebSocketMessageType.Close)
            {
                MarkActivity();
                var status = _socket.CloseStatus is { } s ? (int)s : CloseCodes.Normal;
                Close(status, _socket.CloseStatusDescription ?? "", flush: false);
                return;
            }

            await ReceiveMessageAsync(first, aborted).ConfigureAwait(false);
        }
    }

    private async ValueTask ReceiveMessageAsync(ValueWebSocketReceiveResult result, CancellationToken aborted)
    {
        var max = _services.Options.MaxFrameBytes;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialReceiveBuffer, max + 1));
        try
        {
            var length = 0;
            while (!result.EndOfMessage && length <= max)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, max + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                result = await _socket.ReceiveAsync(buffer.AsMemory(length), aborted).ConfigureAwait(false);
                length += result.Count;
            }

            MarkActivity();
            if (result.MessageType == WebSocketMessageType.Close)
            {
                // A close frame in the middle of a fragmented message.
                var status = _socket.CloseStatus is { } s ? (int)s : CloseCodes.Normal;
                Close(status, _socket.CloseStatusDescription ?? "", flush: false);
                return;
            }

            if (IsClosing)
            {
                // Closing: wait for the peer's close frame, ignore anything else.
                return;
            }

            if (length > max)
            {
                Send(ServerMessageWriter.Error(default, ErrorCodes.MessageTooLarge, $"Frames are limited to {max} bytes."));
                Close(CloseCodes.MessageTooBig, "frame too large", flush: true);
                return;
            }

            if (result.MessageType == WebSocketMessageType.Binary)
            {
                Reject(new ProtocolError(ErrorCodes.BadRequest, "Binary frames are not supported; send JSON text frames.", default));
                return;
            }

            var frame = new ReadOnlySequence<byte>(buffer, 0, length);
            if (ClientMessageParser.TryParse(ref frame, out var message, out var error))
            {
                if (!OverRate(message!.Id))
                {
                    await HandleAsync(message!, aborted).ConfigureAwait(false);
                }
            }
            else
            {
                Reject(error);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async ValueTask HandleAsync(ClientMessage message, CancellationToken aborted)
    {
        switch (message.Type)
        {
            case ClientMessageType.Subscribe:
                await SubscribeAsync(message.Id, message.Channel!, message.Events, message.Since, message.Snapshot, aborted).ConfigureAwait(false);
                break;
            case ClientMessageType.Unsubscribe:
                Unsubscribe(message.Id, message.Channel!);
                break;
            case ClientMessageType.Ping:
                Send(ServerMessageWriter.Pong(message.Id));
                break;
            case ClientMessageType.Pong:
                break;
            case ClientMessageType.Refresh:
                await RefreshAsync(message.Id, message.Token!, aborted).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>
    /// Answers a malformed message (bad JSON, missing or mistyped fields, unknown type, invalid
    /// channel name) with <c>error</c>; these count toward the 4400 budget, since only a broken
    /// client sends them.
    /// </summary>
    private void Reject(ProtocolError error)
    {
        Send(ServerMessageWriter.Error(error.Id, error.Code, error.Message));
        if (_badMessages.Spend())
        {
            Close(CloseCodes.TooManyErrors, "too many protocol errors", flush: true);
        }
    }

    /// <summary>
    /// Answers a well-formed request the server declines (access denied, unknown namespace, not
    /// subscribed, too many subscriptions, a failed refresh): no 4400, a dashboard probing rooms
    /// is not a broken client. The message rate limit still bounds a flood of them.
    /// </summary>
    private void Refuse(ProtocolError error) => Send(ServerMessageWriter.Error(error.Id, error.Code, error.Message));

    /// <summary>
    /// Messages beyond <c>MessagesPerSecond</c> are dropped with RATE_LIMIT_EXCEEDED; a client
    /// that keeps going (ten drops within one replenish period) is closed with 4029.
    /// </summary>
    private bool OverRate(MessageId id)
    {
        if (Interlocked.Decrement(ref _messageTokens) >= 0)
        {
            return false;
        }

        Send(ServerMessageWriter.Error(id, ErrorCodes.RateLimitExceeded, $"At most {_services.Options.MessagesPerSecond} messages per second."));
        if (Interlocked.Increment(ref _rateRefusals) >= 10)
        {
            Close(CloseCodes.RateLimited, "message rate exceeded", flush: true);
        }

        return true;
    }

    private void Send(byte[] message) => TryEnqueue(message);
}
