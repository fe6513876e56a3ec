namespace Herald.Storage.Postgres.Log;

/// <summary>
/// The log's statements. Set-based (unnest of arrays), so a batch of any size costs the same
/// few round trips. Row locks are always taken in one global order (idempotency keys sorted,
/// then channel rows sorted), so concurrent nodes can wait on each other but never deadlock.
/// </summary>
internal static class PostgresSql
{
    /// <summary>Claims keys; a live key held by another transaction makes this wait for its commit. Returns the claimed keys.</summary>
    public const string ClaimIdempotency = """
        INSERT INTO herald_idempotency AS i (key, expires_at)
        SELECT k, $2 FROM unnest($1::text[]) AS k
        ON CONFLICT (key) DO UPDATE SET channel = NULL, epoch = NULL, "offset" = NULL, expires_at = EXCLUDED.expires_at
            WHERE i.expires_at <= $3
        RETURNING key
        """;

    public const string FindIdempotency = """
        SELECT key, channel, epoch, "offset" FROM herald_idempotency WHERE key = ANY($1::text[])
        """;

    /// <summary>
    /// Reserves each channel's next offsets. The updated row stays locked until commit, so
    /// another node appending to the same channel waits and continues after our last offset:
    /// offset n+1 can never be committed (or seen) before n.
    /// </summary>
    public const string ReserveOffsets = """
        INSERT INTO herald_streams AS s (channel, epoch, last_offset, history_age_ms)
        SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[])
        ON CONFLICT (channel) DO UPDATE SET last_offset = s.last_offset + EXCLUDED.last_offset, history_age_ms = EXCLUDED.history_age_ms
        RETURNING channel, epoch, last_offset
        """;

    // The statements below run after ReserveOffsets in the same transaction and read each channel's
    // new last_offset from its (locked) stream row: an event's offset is last_offset - back, where
    // back counts the channel's events of this commit after it. So the whole commit is one round trip.

    public const string InsertEvents = """
        INSERT INTO herald_events (channel, "offset", event, key, data, ts, tombstone)
        SELECT u.channel, s.last_offset - u.back, u.event, u.key, u.data, u.ts, u.tombstone
        FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::bytea[], $6::timestamptz[], $7::boolean[]) AS u(channel, back, event, key, data, ts, tombstone)
        JOIN herald_streams s ON s.channel = u.channel
        """;

    public const string UpsertLatest = """
        INSERT INTO herald_latest AS l (channel, key, "offset", event, data, ts)
        SELECT u.channel, u.key, s.last_offset - u.back, u.event, u.data, u.ts
        FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::bytea[], $6::timestamptz[]) AS u(channel, key, back, event, data, ts)
        JOIN herald_streams s ON s.channel = u.channel
        ON CONFLICT (channel, key) DO UPDATE SET "offset" = EXCLUDED."offset", event = EXCLUDED.event, data = EXCLUDED.data, ts = EXCLUDED.ts
        """;

    public const string DeleteLatest = """
        DELETE FROM herald_latest l USING unnest($1::text[], $2::text[]) AS d(channel, key)
        WHERE l.channel = d.channel AND l.key = d.key
        """;

    /// <summary>Keeps each channel's newest <c>keep</c> keys (none when keep is 0).</summary>
    public const string EvictLatest = """
        DELETE FROM herald_latest l USING (
            SELECT t.channel, CASE WHEN t.keep <= 0 THEN 9223372036854775807 ELSE (
                SELECT x."offset" FROM herald_latest x WHERE x.channel = t.channel
                ORDER BY x."offset" DESC OFFSET greatest(t.keep - 1, 0) LIMIT 1) END AS floor
            FROM unnest($1::text[], $2::int[]) AS t(channel, keep)) f
        WHERE l.channel = f.channel AND l."offset" < f.floor
        """;

    /// <summary>Deletes what lies more than <c>keep</c> events behind each channel's last offset.</summary>
    public const string TrimEvents = """
        DELETE FROM herald_events e USING unnest($1::text[], $2::bigint[]) AS t(channel, keep)
        JOIN herald_streams s ON s.channel = t.channel
        WHERE e.channel = t.channel AND e."offset" <= s.last_offset - t.keep
        """;

    public const string FillIdempotency = """
        UPDATE herald_idempotency i SET channel = t.channel, epoch = s.epoch, "offset" = s.last_offset - t.back
        FROM unnest($1::text[], $2::text[], $3::bigint[]) AS t(key, channel, back)
        JOIN herald_streams s ON s.channel = t.channel
        WHERE i.key = t.key
        """;

    /// <summary>
    /// One notification per note number, its sections in order, each prefixed with the stream's epoch
    /// and first offset (format in Bus/Announcement). NOTIFY is transactional: sent at commit, in commit order.
    /// </summary>
    public const string Notify = $"""
        SELECT pg_notify('{PostgresSchema.Notifications}', string_agg('@' || s.epoch || ' ' || (s.last_offset - n.back) || ' ' || convert_from(n.body, 'UTF8'), '' ORDER BY n.ord))
        FROM unnest($1::int[], $2::text[], $3::bigint[], $4::bytea[]) WITH ORDINALITY AS n(note, channel, back, body, ord)
        JOIN herald_streams s ON s.channel = n.channel
        GROUP BY n.note ORDER BY n.note
        """;

    public const string CreateStream = """
        INSERT INTO herald_streams (channel, epoch, last_offset) VALUES ($1, $2, 0) ON CONFLICT (channel) DO NOTHING
        """;

    public const string ReadStream = "SELECT epoch, last_offset FROM herald_streams WHERE channel = $1";

    public const string ReadRange = """
        SELECT e.channel, s.epoch, e."offset", e.event, e.key, e.data, e.ts, e.tombstone
        FROM herald_events e JOIN herald_streams s ON s.channel = e.channel
        WHERE e.channel = $1 AND e."offset" > $2 AND e."offset" <= $3 ORDER BY e."offset" LIMIT $4
        """;

    public const string ReadLatest = """
        SELECT l.channel, s.epoch, l."offset", l.event, l.key, l.data, l.ts, false
        FROM herald_latest l JOIN herald_streams s ON s.channel = l.channel
        WHERE l.channel = $1 ORDER BY l."offset"
        """;

    /// <summary>What the bus reads back for announced (or missed) ranges, with each stream's epoch.</summary>
    public const string ReadRanges = """
        SELECT e.channel, s.epoch, e."offset", e.event, e.key, e.data, e.ts, e.tombstone
        FROM unnest($1::text[], $2::bigint[], $3::bigint[]) AS r(channel, lo, hi)
        JOIN herald_streams s ON s.channel = r.channel
        JOIN herald_events e ON e.channel = r.channel AND e."offset" BETWEEN r.lo AND r.hi
        ORDER BY e.channel, e."offset"
        """;

    public const string LastOffsets = "SELECT channel, last_offset FROM herald_streams WHERE channel = ANY($1::text[])";
}
