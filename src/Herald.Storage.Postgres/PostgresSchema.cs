namespace Herald.Storage.Postgres;

/// <summary>
/// The tables, as numbered migrations. Each runs once (recorded in <c>herald_schema</c>), under
/// an advisory lock so nodes starting together do not race; the DDL is idempotent as well.
/// API keys and tickets live in tables of their own, owned by the key store.
/// </summary>
internal static class PostgresSchema
{
    public const string Notifications = "herald_events";

    public static readonly IReadOnlyList<string> Migrations =
    [
        """
        CREATE TABLE IF NOT EXISTS herald_streams (
            channel        text PRIMARY KEY,
            epoch          text NOT NULL,
            last_offset    bigint NOT NULL,
            history_age_ms bigint NOT NULL DEFAULT 86400000
        );

        CREATE TABLE IF NOT EXISTS herald_events (
            channel   text NOT NULL,
            "offset"  bigint NOT NULL,
            event     text NOT NULL,
            key       text,
            data      bytea NOT NULL,
            ts        timestamptz NOT NULL,
            tombstone boolean NOT NULL,
            PRIMARY KEY (channel, "offset")
        );
        CREATE INDEX IF NOT EXISTS herald_events_ts ON herald_events (ts);

        CREATE TABLE IF NOT EXISTS herald_latest (
            channel  text NOT NULL,
            key      text NOT NULL,
            "offset" bigint NOT NULL,
            event    text NOT NULL,
            data     bytea NOT NULL,
            ts       timestamptz NOT NULL,
            PRIMARY KEY (channel, key)
        );
        CREATE INDEX IF NOT EXISTS herald_latest_order ON herald_latest (channel, "offset");

        CREATE TABLE IF NOT EXISTS herald_idempotency (
            key        text PRIMARY KEY,
            channel    text,
            epoch      text,
            "offset"   bigint,
            expires_at timestamptz NOT NULL
        );
        CREATE INDEX IF NOT EXISTS herald_idempotency_expiry ON herald_idempotency (expires_at);

        CREATE TABLE IF NOT EXISTS herald_nodes (
            node_id      text PRIMARY KEY,
            started_at   timestamptz NOT NULL,
            heartbeat_at timestamptz NOT NULL,
            state        text NOT NULL,
            stats        text
        );
        """,

        // 2: API keys and ticket single use, shared by the cluster like the log.
        """
        CREATE TABLE IF NOT EXISTS herald_api_keys (
            id                   text PRIMARY KEY,
            name                 text NOT NULL,
            owner                text NOT NULL,
            attributes           text[] NOT NULL,
            hash                 bytea NOT NULL,
            active               boolean NOT NULL,
            created_at           timestamptz NOT NULL,
            last_used_at         timestamptz NULL,
            max_connections      int NULL,
            publishes_per_second int NULL
        );

        CREATE TABLE IF NOT EXISTS herald_used_tickets (
            id         text PRIMARY KEY,
            expires_at timestamptz NOT NULL
        );
        CREATE INDEX IF NOT EXISTS herald_used_tickets_expiry ON herald_used_tickets (expires_at);
        """,
    ];
}
