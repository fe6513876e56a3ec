namespace Herald.Transport;

/// <summary>
/// The socket side of one connection, and all of it: the session never sees a WebSocket or an HTTP
/// response. It writes what the outbox hands it, closes, and reports what the peer sent. One writer
/// at a time (the outbox owns the send side), one reader (the session's receive loop). Transports
/// never throw for a lost peer: they answer false or <see cref="TransportReadKind.Lost"/>.
/// </summary>
internal interface ITransport
{
    /// <summary>False for a one-way transport (Server-Sent Events): the peer cannot send, so its silence proves nothing.</summary>
    bool IsDuplex { get; }

    /// <summary>
    /// Writes the messages in order, as few frames as the transport's framing allows (WebSocket: one
    /// text frame joined with '\n'; SSE: one SSE event each, one flush). False when the peer is gone.
    /// </summary>
    ValueTask<bool> SendAsync(ReadOnlyMemory<OutboundMessage> messages, CancellationToken cancellationToken);

    /// <summary>Ends the connection after the last send, telling the peer why where the transport can.</summary>
    ValueTask CloseAsync(int code, string reason, CancellationToken cancellationToken);

    /// <summary>Drops the connection at once: for a peer that does not complete the close in time.</summary>
    void Abort();

    /// <summary>
    /// Waits for the next client message. Its payload stays valid until the next call; an idle
    /// connection holds no receive buffer. A one-way transport answers only once the peer has left.
    /// </summary>
    ValueTask<TransportRead> ReceiveAsync(CancellationToken cancellationToken);
}
