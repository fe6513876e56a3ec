namespace Herald.Storage.Redis;

/// <summary><c>Herald:Redis</c>: which Redis instances hold the log and shared state, and how nodes watch them.</summary>
public sealed class RedisOptions
{
    /// <summary>One Redis, as a StackExchange.Redis configuration string, e.g. <c>redis:6379,password=…</c>.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// Several Redis instances (use instead of <see cref="ConnectionString"/>): each channel lives on one of
    /// them, chosen by a stable hash of its name, so publish throughput grows with instances. Shared
    /// state (keys, tickets, membership, limits) lives on the first. The order is part of the layout:
    /// reordering or adding an instance moves channels, so their history and epochs start anew.
    /// </summary>
    public List<string> ConnectionStrings { get; set; } = [];

    /// <summary>Prefix of every key and pub/sub channel Herald uses, so several deployments can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "herald:";

    /// <summary>
    /// Events kept beyond a channel's <c>HistorySize</c> before they are trimmed, so every node can
    /// still read back what a notification announced (resume still honours <c>HistorySize</c> exactly).
    /// </summary>
    public int ReadBackSlack { get; set; } = 10_000;

    /// <summary>
    /// How often the bus pings each instance on its subscriber connection: a connection that a
    /// middlebox stopped forwarding fails no read, so only asking finds it.
    /// </summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a ping, a read-back or the readiness check may take before the instance counts as
    /// unreachable (its connections are replaced, the node reports not ready).
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long one command may wait for Redis before it fails (a publish is then answered 503).</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often each node writes its heartbeat (and its stats) for cluster membership.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A node whose last heartbeat is older than this is declared gone.</summary>
    public TimeSpan NodeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The instances in shard order: <see cref="ConnectionStrings"/>, or the one <see cref="ConnectionString"/>.</summary>
    public IReadOnlyList<string> Instances =>
        ConnectionStrings.Count > 0 ? ConnectionStrings : string.IsNullOrWhiteSpace(ConnectionString) ? [] : [ConnectionString];
}
