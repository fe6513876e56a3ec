using Herald.Protocol;
using Herald.Transport;

namespace Herald.Sessions;

internal sealed partial class HeraldSession
{
    /// <summary>Reads client messages until the peer closes or the connection fails; commands run in order.</summary>
    private async Task ReceiveLoopAsync(CancellationToken aborted)
    {
        while (true)
        {
            var read = await _transport.ReceiveAsync(aborted).ConfigureAwait(false);
            if (read.Kind == TransportReadKind.Lost)
            {
                Close(CloseCodes.Abnormal, "connection lost", flush: false);
                return;
            }

            MarkActivity();
            if (read.Kind == TransportReadKind.Closed)
            {
                Close(read.CloseCode, read.CloseReason, flush: false);
                return;
            }

            if (IsClosing)
            {
                // Closing: wait for the peer's close, ignore anything else.
                continue;
            }

            await HandleAsync(read, aborted).ConfigureAwait(false);
        }
    }

    private async ValueTask HandleAsync(TransportRead read, CancellationToken aborted)
    {
        switch (read.Kind)
        {
            case TransportReadKind.TooLarge:
                var max = _services.Options.MaxFrameBytes;
                Send(_wire.ErrorReply(default, ErrorCodes.MessageTooLarge, $"Frames are limited to {max} bytes."));
                Close(CloseCodes.MessageTooBig, "frame too large", flush: true);
                return;
            case TransportReadKind.Binary:
                Reject(new ProtocolError(ErrorCodes.BadRequest, "Binary frames are not supported; send JSON text frames.", default));
                return;
        }

        if (!_wire.TryRead(read.Payload, out var message, out var error))
        {
            if (error is { } rejected)
            {
                Reject(rejected);
            }
        }
        else if (!OverRate(message.Id))
        {
            await HandleAsync(message, aborted).ConfigureAwait(false);
        }
    }

    private async ValueTask HandleAsync(ClientMessage message, CancellationToken aborted)
    {
        switch (message)
        {
            case SubscribeMessage subscribe:
                await SubscribeAsync(subscribe.Id, subscribe.Channel, subscribe.Events, subscribe.Since, subscribe.Snapshot, aborted).ConfigureAwait(false);
                break;
            case UnsubscribeMessage unsubscribe:
                Unsubscribe(unsubscribe.Id, unsubscribe.Channel);
                break;
            case PingMessage ping:
                Send(_wire.Pong(ping.Id));
                break;
            case RefreshMessage refresh:
                await RefreshAsync(refresh.Id, refresh.Token, aborted).ConfigureAwait(false);
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
        Send(_wire.ErrorReply(error.Id, error.Code, error.Message));
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
    private void Refuse(ProtocolError error) => Send(_wire.ErrorReply(error.Id, error.Code, error.Message));

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

        Send(_wire.ErrorReply(id, ErrorCodes.RateLimitExceeded, $"At most {_services.Options.MessagesPerSecond} messages per second."));
        if (Interlocked.Increment(ref _rateRefusals) >= 10)
        {
            Close(CloseCodes.RateLimited, "message rate exceeded", flush: true);
        }

        return true;
    }
}
