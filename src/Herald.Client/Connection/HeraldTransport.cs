namespace Herald.Client;

/// <summary>What carries a <see cref="HeraldClient"/>'s connection (<see cref="HeraldClientOptions.Transport"/>).</summary>
public enum HeraldTransport
{
    /// <summary>A WebSocket on the mount: both ways, subscriptions change on the open connection.</summary>
    WebSocket,

    /// <summary>Server-Sent Events from <c>&lt;mount&gt;/events</c> (docs/protocol.md §10), over HTTP/1.1 or HTTP/2.</summary>
    ServerSentEvents,
}
