using Herald.Log;

namespace Herald.Transport;

/// <summary>
/// One message in a connection's outbox: the encoded bytes, shared by every recipient, and what a
/// transport needs beyond them. SSE names each event and gives it an id from which every channel of
/// the stream can resume, so it is told which event this is and which positions a reply moves.
/// </summary>
internal readonly struct OutboundMessage
{
    private OutboundMessage(OutboundKind kind, ReadOnlyMemory<byte> bytes, LogEntry? entry, ChannelMark? mark)
    {
        Kind = kind;
        Bytes = bytes;
        Event = entry;
        Mark = mark;
    }

    public OutboundKind Kind { get; }

    /// <summary>The message as protocol v1 encodes it.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>The event, for <see cref="OutboundKind.Event"/>.</summary>
    public LogEntry? Event { get; }

    /// <summary>For <c>subscribed</c> and <c>snapshot</c>: the position the client holds of that channel once it has this.</summary>
    public ChannelMark? Mark { get; }

    public static OutboundMessage ForEvent(LogEntry entry, ReadOnlyMemory<byte> bytes) => new(OutboundKind.Event, bytes, entry, null);

    public static OutboundMessage Reply(ReadOnlyMemory<byte> bytes, ChannelMark? mark = null) => new(OutboundKind.Reply, bytes, null, mark);

    public static OutboundMessage Ping(ReadOnlyMemory<byte> bytes) => new(OutboundKind.Ping, bytes, null, null);
}
