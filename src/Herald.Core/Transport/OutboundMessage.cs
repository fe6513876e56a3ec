using Herald.Log;

namespace Herald.Transport;

/// <summary>
/// One message in a connection's outbox: the encoded bytes, shared by every recipient, and what a
/// transport needs beyond them. SSE names each event and gives it an id from which every channel of
/// the stream can resume, so it is told which event this is and which positions a reply moves.
/// </summary>
internal readonly struct OutboundMessage
{
    // One reference for the event or the mark, never both: the queue holds a message per slot, so
    // every byte of this struct is copied in and out of it on each delivery.
    private readonly object? _about;

    private OutboundMessage(OutboundKind kind, ReadOnlyMemory<byte> bytes, object? about)
    {
        Kind = kind;
        Bytes = bytes;
        _about = about;
    }

    public OutboundKind Kind { get; }

    /// <summary>The message as protocol v1 encodes it.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>The event, for <see cref="OutboundKind.Event"/>.</summary>
    public LogEntry? Event => _about as LogEntry;

    /// <summary>For <c>subscribed</c> and <c>snapshot</c>: the position the client holds of that channel once it has this.</summary>
    public ChannelMark? Mark => _about as ChannelMark;

    public static OutboundMessage ForEvent(LogEntry entry, ReadOnlyMemory<byte> bytes) => new(OutboundKind.Event, bytes, entry);

    public static OutboundMessage Reply(ReadOnlyMemory<byte> bytes, ChannelMark? mark = null) => new(OutboundKind.Reply, bytes, mark);

    public static OutboundMessage Ping(ReadOnlyMemory<byte> bytes) => new(OutboundKind.Ping, bytes, null);
}
