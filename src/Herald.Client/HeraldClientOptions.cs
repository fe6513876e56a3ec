using System.Net.WebSockets;
using Microsoft.Extensions.Logging;

namespace Herald.Client;

/// <summary>Where to connect, with which credentials, and how to retry.</summary>
public sealed class HeraldClientOptions
{
    /// <summary>The mount, e.g. <c>wss://herald.example.com/ws</c> (http and https are accepted too; SSE reads <c>&lt;mount&gt;/events</c>).</summary>
    public required Uri Url { get; set; }

    /// <summary>Called before each connection and on <c>expiring</c>; see <see cref="CredentialProvider"/>.</summary>
    public required CredentialProvider Credentials { get; set; }

    public BackoffOptions Backoff { get; set; } = new();

    /// <summary>The clock for backoff, timeouts and the heartbeat; replace it in tests.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    public ILogger? Logger { get; set; }

    /// <summary>How long one upgrade may take before it counts as failed.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Silence after which a connection is taken for dead and replaced. Default: twice the server's
    /// <c>ping_interval</c> plus 10 s, the same bound the server applies to the client.
    /// </summary>
    public TimeSpan? HeartbeatTimeout { get; set; }

    /// <summary>How long to wait for <c>subscribed</c>, <c>refreshed</c> and the closing handshake.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Proxy, certificates, extra headers.</summary>
    public Action<ClientWebSocketOptions>? ConfigureWebSocket { get; set; }

    /// <summary>
    /// What carries the connection: a WebSocket (the default), or Server-Sent Events for networks where a
    /// WebSocket cannot open (a proxy that strips upgrades). A stream only receives, so the client reopens it,
    /// resuming every channel, whenever a subscription starts or ends.
    /// </summary>
    public HeraldTransport Transport { get; set; } = HeraldTransport.WebSocket;

    /// <summary>The handler the Server-Sent Events stream is read with (proxy, certificates); default a new <see cref="SocketsHttpHandler"/>.</summary>
    public HttpMessageHandler? HttpHandler { get; set; }
}
