using System.IO.Pipelines;
using Herald.Transport;
using Microsoft.AspNetCore.Http;

namespace Herald.AspNetCore.Transport.ServerSentEvents;

/// <summary>
/// Protocol v1 messages as a <c>text/event-stream</c> (PROTOCOL.md §9): each event one SSE event
/// named after it, everything else an unnamed one, every message that moves a channel with an
/// <c>id:</c> that resumes the whole stream, the keep-alive a comment. One-way: the peer only ever
/// leaves, which <see cref="ReceiveAsync"/> reports.
/// </summary>
internal sealed class SseTransport(HttpContext context, StreamVector positions) : ITransport
{
    private readonly PipeWriter _body = context.Response.BodyWriter;
    private readonly TaskCompletionSource<TransportRead> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // The abort timer may fire after the request has ended, when Kestrel has disposed the context
    // or pooled it for the connection's next request: past Finish, the context is not ours to abort.
    private readonly Lock _gate = new();
    private bool _finished;

    public bool IsDuplex => false;

    public async ValueTask<bool> SendAsync(ReadOnlyMemory<OutboundMessage> messages, CancellationToken cancellationToken)
    {
        try
        {
            for (var i = 0; i < messages.Length; i++)
            {
                Write(messages.Span[i]);
            }

            var flushed = await _body.FlushAsync(cancellationToken).ConfigureAwait(false);
            return !flushed.IsCanceled && !flushed.IsCompleted;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Tells the client why in a <c>close</c> message (an <c>EventSource</c> sees no close code),
    /// then ends the response; the browser reconnects with <c>Last-Event-ID</c> on its own.
    /// </summary>
    public async ValueTask CloseAsync(int code, string reason, CancellationToken cancellationToken)
    {
        try
        {
            SseFrames.WriteData(_body, SseFrames.Close(code, reason));
            await _body.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // The client left first.
        }

        _ended.TrySetResult(TransportRead.Closed(code, reason));
    }

    public void Abort()
    {
        _ended.TrySetResult(TransportRead.Lost);
        lock (_gate)
        {
            if (!_finished)
            {
                context.Abort();
            }
        }
    }

    /// <summary>Called by the endpoint before it returns: from here on the request belongs to Kestrel again.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            _finished = true;
        }
    }

    public async ValueTask<TransportRead> ReceiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _ended.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return TransportRead.Lost;
        }
    }

    private void Write(in OutboundMessage message)
    {
        switch (message.Kind)
        {
            case OutboundKind.Ping:
                SseFrames.WriteComment(_body, "ping"u8);
                return;
            case OutboundKind.Event:
                var entry = message.Event!;
                positions.Move(entry.Channel, entry.Epoch, entry.Offset);
                SseFrames.WriteId(_body, positions);
                SseFrames.WriteEventName(_body, entry.Event);
                break;
            default:
                if (message.Mark is { } mark)
                {
                    positions.Move(mark.Channel, mark.Epoch, mark.Offset);
                    SseFrames.WriteId(_body, positions);
                }

                break;
        }

        SseFrames.WriteData(_body, message.Bytes.Span);
    }
}
