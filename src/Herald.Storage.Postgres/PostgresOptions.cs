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
}
