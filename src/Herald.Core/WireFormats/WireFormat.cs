using Herald.Log;

namespace Herald.WireFormats;

/// <summary>
/// How one mount's WebSocket clients and the server talk: how client frames become Herald commands,
/// and how events, replies, errors and pings are written. One shared, stateless instance per format;
/// per-connection state lives in the <see cref="WireConnection"/> it creates. Herald's semantics
/// (authentication, per-recipient filtering, ordering, limits, the slow-consumer rule) are the same
/// under every format: a format only chooses the bytes.
/// </summary>
public abstract class WireFormat
{
    private static int s_nextSlot;
    private readonly Func<LogEntry, byte[]?> _encode;

    protected WireFormat(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Slot = Interlocked.Increment(ref s_nextSlot) - 1;
        _encode = EncodeEvent;
    }

    /// <summary>The name configuration uses to choose this format for a mount (e.g. <c>herald-v1</c>).</summary>
    public string Name { get; }

    /// <summary>
    /// True when several queued messages may go out as one WebSocket frame, joined with '\n'
    /// (protocol v1). False (the default): exactly one message per frame, for clients that parse one
    /// JSON value per frame.
    /// </summary>
    public virtual bool CoalescesMessages => false;

    /// <summary>How often <see cref="WireConnection.Ping"/> is asked for; null: the server's <c>PingInterval</c>.</summary>
    public virtual TimeSpan? HeartbeatInterval => null;

    /// <summary>
    /// True when the format's clients answer pings (so their silence means a dead peer and closes the
    /// connection with 4000). False (the default): the clients never speak unprompted; dead peers are
    /// found by WebSocket-level keep-alive pings, which every WebSocket client answers by itself.
    /// </summary>
    public virtual bool ClosesSilentConnections => false;

    /// <summary>
    /// True when a connection over a limit (per address, per credential) is upgraded and told with
    /// <see cref="Rejection"/> and a 4029 close, because browsers cannot read a refused upgrade's 429.
    /// False (the default): the upgrade is refused with 429 and problem details.
    /// </summary>
    public virtual bool RejectsAfterUpgrade => false;

    /// <summary>The event as this format sends it, or null when the format has nothing to send for it.
    /// Called once per event and format; the bytes are cached on the entry and shared by every recipient.</summary>
    public abstract byte[]? EncodeEvent(LogEntry entry);

    /// <summary>The state of one new, authenticated connection.</summary>
    public abstract WireConnection CreateConnection(WireConnectContext context);

    /// <summary>
    /// The one message written before closing a connection that is refused at connect (a failed
    /// authentication, a bad resume parameter, a limit): <paramref name="code"/> is one of Herald's
    /// <see cref="Herald.Protocol.ErrorCodes"/>. Null sends nothing but the close.
    /// </summary>
    public abstract byte[]? Rejection(string code, string message);

    /// <summary>This format's index in each <see cref="LogEntry"/>'s cache of encodings.</summary>
    internal int Slot { get; }

    /// <summary>The event's bytes from the entry's cache, encoded on first use.</summary>
    internal virtual byte[]? Encoded(LogEntry entry) => entry.EncodedFor(Slot, _encode);

    public override string ToString() => Name;
}
