namespace Herald.Storage.Sqlite.Log;

/// <summary>
/// The log's tables. One row per channel holds its epoch and last offset, so both survive a
/// restart (resuming clients then get <c>recovered: true</c>). Idempotent DDL, applied on open.
/// </summary>
internal static class SqliteLogSchema
{
    public const string Component = "log";

    // Events and latest-state rows carry up to 64 KiB of data each, so they keep rowid tables
    // (WITHOUT ROWID suits small rows only); the primary keys are the lookups.
    public const string Ddl = """
        CREATE TABLE IF NOT EXISTS herald_streams (
            channel     TEXT PRIMARY KEY,
            epoch       TEXT NOT NULL,
            last_offset INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS herald_events (
            channel   TEXT NOT NULL,
            "offset"  INTEGER NOT NULL,
            event     TEXT NOT NULL,
            key       TEXT,
            data      BLOB NOT NULL,
            ts        INTEGER NOT NULL,
            tombstone INTEGER NOT NULL,
            PRIMARY KEY (channel, "offset")
        );

        CREATE TABLE IF NOT EXISTS herald_latest (
            channel  TEXT NOT NULL,
            key      TEXT NOT NULL,
            "offset" INTEGER NOT NULL,
            event    TEXT NOT NULL,
            data     BLOB NOT NULL,
            ts       INTEGER NOT NULL,
            PRIMARY KEY (channel, key)
        );
        CREATE INDEX IF NOT EXISTS herald_latest_order ON herald_latest (channel, "offset");

        CREATE TABLE IF NOT EXISTS herald_idempotency (
            key        TEXT PRIMARY KEY,
            channel    TEXT NOT NULL,
            epoch      TEXT NOT NULL,
            "offset"   INTEGER NOT NULL,
            expires_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS herald_idempotency_expiry ON herald_idempotency (expires_at);
        """;
}
