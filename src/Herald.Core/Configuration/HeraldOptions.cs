namespace Herald.Configuration;

/// <summary>
/// Herald's settings under the <c>Herald</c> configuration section, for any host. Every limit has
/// a default. The standalone server's own keys (store, data directory, ports) are its own options.
/// </summary>
public sealed class HeraldOptions
{
    public const string SectionName = "Herald";

    /// <summary>This node's name in <c>welcome</c>, stats and the cluster. Defaults to the host name.</summary>
    public string NodeId { get; set; } = Environment.MachineName.ToLowerInvariant();

    /// <summary>Seconds between server pings; sent to clients as <c>ping_interval</c>.</summary>
    public int PingInterval { get; set; } = 25;

    /// <summary>Seconds of silence tolerated beyond two ping intervals before closing with 4000.</summary>
    public int HeartbeatGrace { get; set; } = 10;

    /// <summary>Largest client frame in bytes; bigger ones are closed with 1009.</summary>
    public int MaxFrameBytes { get; set; } = 64 * 1024;

    public int MaxSubscriptions { get; set; } = 512;

    /// <summary>
    /// Channels one Server-Sent Events stream may name: every event's <c>id:</c> carries a position
    /// per channel, and the browser sends it back whole in <c>Last-Event-ID</c>.
    /// </summary>
    public int MaxStreamChannels { get; set; } = 32;

    /// <summary>
    /// Seconds the ticket cookie set on a Server-Sent Events stream opened with a ticket stays
    /// valid: the browser's automatic reconnect carries it (single use, like every ticket).
    /// </summary>
    public int StreamTicketLifetime { get; set; } = 3_600;

    /// <summary>Messages queued per connection before it counts as a slow consumer (4008).</summary>
    public int SendQueueCapacity { get; set; } = 1024;

    /// <summary>
    /// How long a slow consumer's connection is kept after its 4008, so the frame stuck behind its
    /// full TCP window and then the close frame can still reach a client that resumes reading;
    /// then it is aborted. Its queued messages are dropped at once, so waiting costs little memory.
    /// </summary>
    public TimeSpan SlowConsumerCloseGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Threads one event's fan-out to a large channel is split over (stripes of 256 subscribers or
    /// more, each recipient always on one thread per event); 0 means one per core the process may use.
    /// </summary>
    public int FanOutThreads { get; set; }

    /// <summary><see cref="FanOutThreads"/> with 0 resolved to the cores this process may run on.</summary>
    internal int FanOutThreadCount => FanOutThreads > 0 ? FanOutThreads : Environment.ProcessorCount;

    /// <summary>Upper bound of one coalesced frame.</summary>
    public int MaxCoalescedBytes { get; set; } = 64 * 1024;

    public int BadMessageLimit { get; set; } = 10;

    /// <summary>Seconds over which <see cref="BadMessageLimit"/> bad messages close a connection with 4400.</summary>
    public int BadMessageWindow { get; set; } = 10;

    /// <summary>Largest published <c>data</c> in bytes of UTF-8 JSON.</summary>
    public int MaxEventDataBytes { get; set; } = 64 * 1024;

    /// <summary>Seconds before a JWT's expiry at which <c>expiring</c> is sent.</summary>
    public int ExpiringNotice { get; set; } = 30;

    /// <summary>Open connections per client IP; more are refused with 429 before the upgrade.</summary>
    public int MaxConnectionsPerIp { get; set; } = 10_000;

    /// <summary>Open connections per credential (API key, or subject for tokens); an API key's own limit wins.</summary>
    public int MaxConnectionsPerCredential { get; set; } = 1_000;

    /// <summary>Client messages per second per connection; beyond it RATE_LIMIT_EXCEEDED, and 4029 for a flood.</summary>
    public int MessagesPerSecond { get; set; } = 100;

    /// <summary>Publishes per second per credential through the HTTP API (429 with Retry-After beyond it).</summary>
    public int PublishesPerSecond { get; set; } = 1_000;

    /// <summary>Seconds a ticket from <c>POST &lt;mount&gt;/ticket</c> stays valid (single use).</summary>
    public int TicketLifetime { get; set; } = 5;

    /// <summary>
    /// HMAC key for tickets; every node of a cluster needs the same. Unset: derived from the JWT
    /// secret, or random per process when there is none (tickets then work on one node only).
    /// </summary>
    public string? TicketSecret { get; set; }

    /// <summary>How long shutdown waits for connections to flush and close with 1001.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a publish may wait for the store before it is answered 503 <c>INTERNAL</c>. A
    /// publish that timed out may still commit (the store may have committed just before the
    /// deadline): retry it with the same <c>idempotency_key</c>.
    /// </summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the event bus may be unable to deliver (its store unreachable) before this node
    /// closes its connections with 1001 and refuses new ones, so clients resume on a healthy node.
    /// </summary>
    public TimeSpan BusStallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The namespace used for channels whose namespace is not configured; null rejects them.</summary>
    public string? DefaultNamespace { get; set; }

    /// <summary>Browser origins allowed to open a WebSocket besides the server's own; "*" allows any.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>
    /// permessage-deflate. Off by default: compression runs per connection, so it undoes
    /// encode-once fan-out; turn it on for few, bandwidth-starved clients.
    /// </summary>
    public bool EnableCompression { get; set; }

    /// <summary>
    /// By namespace name, matched case-insensitively: configuration keys are case-insensitive, so
    /// <c>HERALD__NAMESPACES__PUBLIC__HISTORYSIZE</c> must reach <c>public</c>, not create <c>PUBLIC</c>.
    /// </summary>
    public Dictionary<string, NamespaceOptions> Namespaces { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public JwtOptions Jwt { get; set; } = new();
}
