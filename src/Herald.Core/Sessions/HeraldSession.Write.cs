using System.Buffers;
using System.Net.WebSockets;

namespace Herald.Sessions;

/// <summary>
/// The send side. Messages go into the outbox; whoever finds the socket idle when flushing sends
/// on the spot, on its own thread (the hub dispatcher, the receive loop, the heartbeat), so a
/// delivery to an idle connection costs no task switch. While a send is in flight, later messages
/// wait in the outbox and the sender takes them all as one coalesced frame (joined with '\n', up to
/// <c>MaxCoalescedBytes</c>). Only the current owner (<see cref="_sending"/>) touches the socket's
/// send side, so sends never overlap and the close frame comes last.
/// </summary>
internal sealed partial class HeraldSession
{
    private readonly Lock _sendLock = new();
    private readonly Queue<ReadOnlyMemory<byte>> _outbox = new();
    private readonly TaskCompletionSource _sendSideDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource? _spaceWaiter;
    private bool _sending;
    private bool _outboxClosed;

    /// <summary>
    /// Queues without sending: the caller flushes once it has queued what belongs together (the hub
    /// queues a run of events per recipient, then flushes). A full outbox means a slow consumer: 4008.
    /// </summary>
    public bool Enqueue(ReadOnlyMemory<byte> message)
    {
        Admission admission;
        lock (_sendLock)
        {
            admission = Admit(message);
        }

        if (admission == Admission.Full)
        {
            CloseSlowConsumer();
        }

        return admission == Admission.Queued;
    }

    /// <summary>Queues and flushes: for one message that stands alone (a reply, a ping).</summary>
    public bool TryEnqueue(ReadOnlyMemory<byte> message)
    {
        if (!Enqueue(message))
        {
            return false;
        }

        Flush();
        return true;
    }

    /// <summary>Sends what is queued now, on this thread, unless a send is already in flight (its owner will).</summary>
    public void Flush()
    {
        lock (_sendLock)
        {
            if (_sending || _outbox.Count == 0)
            {
                return;
            }

            _sending = true;
        }

        _ = DrainAsync();
    }

    /// <summary>Queues, waiting for room instead of closing 4008: for a replay, which may be longer than the outbox.</summary>
    private async ValueTask<bool> EnqueueWaitingAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task room;
            lock (_sendLock)
            {
                var admission = Admit(message);
                if (admission != Admission.Full)
                {
                    return admission == Admission.Queued;
                }

                _spaceWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                room = _spaceWaiter.Task;
            }

            Flush();
            await room.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Under the lock: queues the message unless the outbox is closed or full.</summary>
    private Admission Admit(ReadOnlyMemory<byte> message)
    {
        if (_outboxClosed)
        {
            return Admission.Closed;
        }

        if (_outbox.Count >= _services.Options.SendQueueCapacity)
        {
            return Admission.Full;
        }

        _outbox.Enqueue(message);
        return Admission.Queued;
    }

    /// <summary>Called with <see cref="_sending"/> taken: sends until the outbox is empty, then gives the send side back.</summary>
    private async Task DrainAsync()
    {
        try
        {
            while (true)
            {
                byte[]? rented;
                ReadOnlyMemory<byte> frame;
                TaskCompletionSource? room;
                lock (_sendLock)
                {
                    if (_outbox.Count == 0)
                    {
                        if (!_outboxClosed)
                        {
                            _sending = false;
                            return;
                        }

                        break;
                    }

                    frame = TakeFrame(out rented);
                    room = _spaceWaiter;
                    _spaceWaiter = null;
                }

                room?.TrySetResult();
                try
                {
                    await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
                    _services.Counters.Sent(frame.Length);
                }
                finally
                {
                    if (rented is not null)
                    {
                        ArrayPool<byte>.Shared.Return(rented);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // Close empties the outbox and, seeing the send side taken, leaves the rest to us.
            Close(Protocol.CloseCodes.Abnormal, "connection lost", flush: false);
        }

        await SendCloseFrameAsync().ConfigureAwait(false);
        _sendSideDone.TrySetResult();
    }

    /// <summary>Under the lock: the next message, or as many as fit joined into one rented buffer.</summary>
    private ReadOnlyMemory<byte> TakeFrame(out byte[]? rented)
    {
        rented = null;
        var first = _outbox.Dequeue();
        var limit = _services.Options.MaxCoalescedBytes;
        if (!_outbox.TryPeek(out var next) || first.Length + 1 + next.Length > limit)
        {
            return first;
        }

        // Size the buffer to what will fit, rather than renting the whole limit for two small messages.
        var length = first.Length;
        var count = 0;
        foreach (var message in _outbox)
        {
            if (length + 1 + message.Length > limit)
            {
                break;
            }

            length += 1 + message.Length;
            count++;
        }

        rented = ArrayPool<byte>.Shared.Rent(length);
        first.Span.CopyTo(rented);
        var written = first.Length;
        for (var i = 0; i < count; i++)
        {
            var message = _outbox.Dequeue();
            rented[written++] = (byte)'\n';
            message.Span.CopyTo(rented.AsSpan(written));
            written += message.Length;
        }

        return rented.AsMemory(0, written);
    }

    /// <summary>Called by <see cref="Close"/>: no more messages; what is queued goes first only when flushing.</summary>
    private void CloseOutbox(bool flush)
    {
        TaskCompletionSource? room;
        bool takeSendSide;
        lock (_sendLock)
        {
            _outboxClosed = true;
            if (!flush)
            {
                _outbox.Clear();
            }

            room = _spaceWaiter;
            _spaceWaiter = null;
            takeSendSide = !_sending;
            _sending = true;
        }

        room?.TrySetResult();
        if (takeSendSide)
        {
            // Not on the caller's thread: Close runs under other locks (a subscription's) and on the dispatcher.
            ThreadPool.UnsafeQueueUserWorkItem(static s => _ = s.DrainAsync(), this, preferLocal: false);
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
