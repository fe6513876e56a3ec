using Herald.Log;
using Herald.Outbox;
using Herald.Protocol;
using Herald.Transport;
using Herald.WireFormats;

namespace Herald.Sessions;

/// <summary>The send side, as the hub and the commands see it: everything goes through the outbox.</summary>
internal sealed partial class HeraldSession
{
    /// <summary>
    /// Called by the hub for each event of a run; the hub flushes once after the run. A full outbox
    /// means a slow consumer: 4008.
    /// </summary>
    public bool Enqueue(LogEntry entry) => Encoded(entry) is { } bytes && Enqueue(OutboundMessage.ForEvent(entry, bytes));

    public void Flush() => _outbox.Flush();

    /// <summary>Queues and flushes: for one message that stands alone (a reply, a notice). Null: the format says nothing here.</summary>
    private bool Send(byte[]? message) => message is null || Send(OutboundMessage.Reply(message));

    /// <summary>A reply that moves a channel's position (SSE resumes from it); null: the format says nothing here.</summary>
    private void SendReply(byte[]? message, ChannelMark mark)
    {
        if (message is not null)
        {
            Send(OutboundMessage.Reply(message, mark));
        }
    }

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
        Encoded(entry) is { } bytes ? _outbox.AddWaitingAsync(OutboundMessage.ForEvent(entry, bytes), cancellationToken) : ValueTask.FromResult(false);

    /// <summary>The event's shared bytes in this connection's format, or null when it sends nothing for it.</summary>
    private byte[]? Encoded(LogEntry entry) => _format.Encoded(entry) is { } bytes && _wire.Wants(entry) ? bytes : null;
}
