namespace Herald.EntityFrameworkCore.Capture;

/// <summary>What differs per database around the outbox insert.</summary>
internal static class OutboxDialect
{
    public const string Postgres = "Npgsql.EntityFrameworkCore.PostgreSQL";

    public static bool IsPostgres(string? provider) => provider == Postgres;

    /// <summary>
    /// PostgreSQL hands out serial ids at insert, not at commit: two writers could commit out of id
    /// order and the relay would publish out of commit order. A transaction-scoped advisory lock
    /// taken just before the insert (late in the transaction) makes id order commit order.
    /// SQLite needs nothing: it has one writer at a time.
    /// </summary>
    public static string Before(string? provider, string table) =>
        IsPostgres(provider) ? $"SELECT pg_advisory_xact_lock({LockKey(table)});\n" : "";

    /// <summary>PostgreSQL delivers a NOTIFY at commit and drops it on rollback: a precise wake-up.</summary>
    public static string After(string? provider, string table) =>
        IsPostgres(provider) ? $";\nSELECT pg_notify('{NotifyChannel(table)}', '');" : "";

    public static string NotifyChannel(string table) => table.ToLowerInvariant();

    /// <summary>FNV-1a of the table name: the same lock in every process, without a lock table.</summary>
    public static long LockKey(string table)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in table)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return unchecked((long)hash);
    }
}
