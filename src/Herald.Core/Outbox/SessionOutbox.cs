using Herald.Diagnostics;
using Herald.Protocol;
using Herald.Transport;

namespace Herald.Outbox;

/// <summary>
/// One connection's bounded send queue. Messages go in here; whoever finds the transport idle when
/// flushing sends on the spot, on its own thread (the hub dispatcher, the receive loop, the
/// heartbeat), so a delivery to an idle connection costs no task switch. While a send is in flight,
/// later messages wait, and the sender then takes them all as one batch (up to
/// <c>MaxCoalescedBytes</c>), which the transport frames as it must. Only the current owner
/// (<see cref="_sending"/>) touches the transport's send side, so sends never overlap and the close
/// comes last. A full queue is the owner's business (the 4008 rule): <see cref="Add"/> says so.
/// </summary>
internal sealed partial class SessionOutbox
{
    private readonly Lock _lock = new();
    private readonly Queue<OutboundMessage> _queue = new();
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ITransport _transport;
    private readonly HeraldCounters _counters;
    private readonly int _capacity;
    private readonly int _maxBatchBytes;
    private readonly Action _transportLost;

    // The drain owner's scratch for one batch, grown on demand: an idle connection holds none.
    private OutboundMessage[] _batch = [];
    private TaskCompletionSource? _spaceWaiter;
    private bool _sending;
    private bool _closed;
    private int _closeCode;
    private string _closeReason = "";

    /// <param name="transportLost">Called when a send fails: the owner closes as for a lost connection.</param>
    public SessionOutbox(ITransport transport, int capacity, int maxBatchBytes, HeraldCounters counters, Action transportLost)
    {
        _transport = transport;
        _capacity = capacity;
        _maxBatchBytes = maxBatchBytes;
        _counters = counters;
        _transportLost = transportLost;
    }

    /// <summary>Completes once the close has been handed to the transport (or the peer was gone).</summary>
    public Task Completion => _done.Task;

    /// <summary>
    /// Queues without sending: the caller flushes once it has queued what belongs together. A queue
    /// that is full while nothing is being sent is not a slow consumer, only a run longer than the
    /// queue (the hub queues up to a batch per recipient before it flushes): it is sent, here and
    /// now, and the message queued after it. Full is left for a transport that cannot take more.
    /// </summary>
    public Admission Add(in OutboundMessage message)
    {
        lock (_lock)
        {
            var admission = Admit(message);
            if (admission != Admission.Full || _sending)
            {
                return admission;
            }

            _sending = true;
        }

        _ = DrainAsync();
        lock (_lock)
        {
            return Admit(message);
        }
    }

    /// <summary>Sends what is queued now, on this thread, unless a send is already in flight (its owner will).</summary>
    public void Flush()
    {
        lock (_lock)
        {
            if (_sending || _queue.Count == 0)
            {
                return;
            }

            _sending = true;
        }

        _ = DrainAsync();
    }

    /// <summary>Queues, waiting for room instead of overflowing: for a replay, which may be longer than the queue.</summary>
    public async ValueTask<bool> AddWaitingAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task room;
            lock (_lock)
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

    /// <summary>
    /// No more messages. With <paramref name="flush"/> what is queued is sent first, otherwise it is
    /// dropped; then the transport is closed with <paramref name="code"/>. Called once, by the owner.
    /// </summary>
    public void Close(int code, string reason, bool flush)
    {
        TaskCompletionSource? room;
        bool takeSendSide;
        lock (_lock)
        {
            _closed = true;
            _closeCode = code;
            _closeReason = reason;
            if (!flush)
            {
                _queue.Clear();
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

    private Admission Admit(in OutboundMessage message)
    {
        if (_closed)
        {
            return Admission.Closed;
        }

        if (_queue.Count >= _capacity)
        {
            return Admission.Full;
        }

        _queue.Enqueue(message);
        return Admission.Queued;
    }

    /// <summary>Called with <see cref="_sending"/> taken: sends until the queue is empty, then gives the send side back.</summary>
    private async Task DrainAsync()
    {
        while (true)
        {
            int count;
            int bytes;
            TaskCompletionSource? room;
            lock (_lock)
            {
                if (_queue.Count == 0)
                {
                    if (!_closed)
                    {
                        _sending = false;
                        return;
                    }

                    break;
                }

                count = TakeBatch(out bytes);
                room = _spaceWaiter;
                _spaceWaiter = null;
            }

            room?.TrySetResult();
            var send = _transport.SendAsync(_batch.AsMemory(0, count), CancellationToken.None);
            var sent = send.IsCompletedSuccessfully ? send.Result : await send.ConfigureAwait(false);
            Array.Clear(_batch, 0, count);
            if (sent)
            {
                _counters.Sent(bytes);
            }
            else
            {
                // The owner closes; seeing the send side taken, Close leaves the rest to this loop.
                _transportLost();
            }
        }

        if (_closeCode != CloseCodes.Abnormal)
        {
            await _transport.CloseAsync(_closeCode, _closeReason, CancellationToken.None).ConfigureAwait(false);
        }

        _done.TrySetResult();
    }
}
