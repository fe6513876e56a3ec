using Herald.Log;
using Herald.Outbox;
using Herald.Protocol;
using Herald.Transport;

namespace Herald.Sessions;

/// <summary>The send side, as the hub and the commands see it: everything goes through the outbox.</summary>
internal sealed partial class HeraldSession
{
    /// <summary>
    /// Called by the hub for each event of a run; the hub flushes once after the run. A full outbox
    /// means a slow consumer: 4008.
    /// </summary>
    public bool Enqueue(LogEntry entry) => Enqueue(OutboundMessage.ForEvent(entry, EventEncoding.V1(entry)));

    public void Flush() => _outbox.Flush();

    /// <summary>Queues and flushes: for one message that stands alone (a reply, a notice).</summary>
    private bool Send(byte[] message) => Send(OutboundMessage.Reply(message));

    private bool Send(in OutboundMessage message)
    {
        if (!Enqueue(message))
        {
            return false;
        }

        _outbox.Flush();
        return true;
    }

    private bool Enqueue(in OutboundMessage message)
    {
        var admission = _outbox.Add(message);
        if (admission == Admission.Full)
        {
            CloseSlowConsumer();
        }

        return admission == Admission.Queued;
    }

    /// <summary>Queues, waiting for room instead of closing 4008: for a replay, which may be longer than the outbox.</summary>
    private ValueTask<bool> EnqueueWaitingAsync(LogEntry entry, CancellationToken cancellationToken) =>
        _outbox.AddWaitingAsync(OutboundMessage.ForEvent(entry, EventEncoding.V1(entry)), cancellationToken);
}
