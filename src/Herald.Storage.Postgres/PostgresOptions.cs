namespace Herald.Storage.Postgres;

/// <summary><c>Herald:Postgres</c>: where the shared store is and how nodes watch each other.</summary>
public sealed class PostgresOptions
{
    /// <summary>An Npgsql connection string, e.g. <c>Host=db;Database=herald;Username=herald;Password=…</c>.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>How often each node writes its heartbeat (and its stats) to <c>herald_nodes</c>.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A node whose last heartbeat is older than this is declared gone.</summary>
    public TimeSpan NodeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Events kept beyond a channel's <c>HistorySize</c> before they are physically deleted, so
    /// every node can still read back what a notification announced (resume still honours
    /// <c>HistorySize</c> exactly).
    /// </summary>
    public int ReadBackSlack { get; set; } = 10_000;

    /// <summary>How often one node sweeps expired history, idempotency keys and long-gone nodes.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Silence on the LISTEN connection after which the bus asks the server <c>SELECT 1</c>: a
    /// connection that a middlebox stopped forwarding fails no read, so only asking finds it.
    /// </summary>
    public TimeSpan ListenProbeInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long that probe, a read-back of announced events or the readiness query may take before
    /// the server counts as unreachable (the bus reconnects, the node reports not ready).
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
