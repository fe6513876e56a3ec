namespace Herald.LoadGen.Protocols;

/// <summary>How one kind of server is spoken to over WebSocket: connect, subscribe, heartbeat, recognise events.</summary>
internal abstract class WireProtocol
{
    public abstract string Name { get; }

    /// <summary>The byte between messages coalesced into one frame.</summary>
    public abstract byte Separator { get; }

    /// <summary>What to send back to a server's application-level ping; empty when the server needs nothing.</summary>
    public abstract ReadOnlyMemory<byte> Pong { get; }

    /// <summary>Whether subscribe accepts a resume point (<c>since</c>).</summary>
    public abstract bool SupportsResume { get; }

    public abstract Uri SocketUri(int clientIndex);

    /// <summary>Sent right after the upgrade (SignalR's protocol handshake), or null.</summary>
    public abstract byte[]? HandshakeRequest { get; }

    /// <summary>Whether the server greets first (welcome, handshake answer) before subscriptions may be sent.</summary>
    public abstract bool AwaitsGreeting { get; }

    public abstract byte[] Subscribe(string channel, int id, ResumePoint? since);

    public abstract MessageKind Classify(ReadOnlySpan<byte> message);

    public abstract ControlMessage ParseControl(ReadOnlySpan<byte> message);
}
