using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Herald.Log;
using Herald.Protocol;

namespace Herald.WireFormats;

/// <summary>
/// One connection's side of a <see cref="WireFormat"/>: reads its client frames into commands and
/// writes what the session has to say. Every writer returns the message's bytes, or null when the
/// format says nothing there (its clients would not understand it). Called by one thread at a time
/// for reads; writers may be called from any thread, so keep them free of mutable state.
/// </summary>
public abstract class WireConnection
{
    protected WireConnection(WireFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        Format = format;
    }

    public WireFormat Format { get; }

    /// <summary>
    /// Commands run once at connect, after the mount's server-side subscriptions and before any
    /// client frame (e.g. a resume from a query parameter).
    /// </summary>
    public virtual IReadOnlyList<ClientMessage> InitialCommands => [];

    /// <summary>
    /// Turns one client frame into a command. False with <paramref name="rejected"/> set rejects the
    /// frame (it counts toward the 4400 budget); false with both null ignores it silently.
    /// </summary>
    public abstract bool TryRead(ReadOnlySequence<byte> frame, [NotNullWhen(true)] out ClientMessage? message, out ProtocolError? rejected);

    /// <summary>
    /// A per-connection filter on events, after Herald's own (permissions, the subscription's event
    /// filter). Called per delivery, so it must be cheap and allocate nothing.
    /// </summary>
    public virtual bool Wants(LogEntry entry) => true;

    public virtual byte[]? Welcome(WireWelcome welcome) => null;

    /// <param name="recovered">Null when the client asked for no resume.</param>
    public virtual byte[]? Subscribed(MessageId id, string channel, string epoch, long offset, bool? recovered) => null;

    /// <param name="reason">Null when the client asked; an error code when the server took the subscription away.</param>
    public virtual byte[]? Unsubscribed(MessageId id, string channel, string? reason) => null;

    public virtual byte[]? Snapshot(string channel, string epoch, long offset, IReadOnlyList<LogEntry> items) => null;

    /// <param name="code">One of Herald's <see cref="ErrorCodes"/>: map it to the format's own codes here.</param>
    public abstract byte[]? ErrorReply(MessageId id, string code, string message);

    public virtual byte[]? Pong(MessageId id) => null;

    /// <summary>Sent every <see cref="WireFormat.HeartbeatInterval"/>; null sends nothing.</summary>
    public virtual byte[]? Ping() => null;

    public virtual byte[]? Expiring(long inSeconds) => null;

    public virtual byte[]? Refreshed(MessageId id, DateTimeOffset? expiresAt) => null;
}
