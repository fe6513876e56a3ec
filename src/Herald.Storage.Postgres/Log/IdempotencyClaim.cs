using Herald.Log;
using Npgsql;

namespace Herald.Storage.Postgres.Log;

/// <summary>
/// The first of the two round trips a group with idempotency keys takes: opens the transaction,
/// claims the batch's keys (waiting for another transaction that holds one) and reads the ones
/// already taken, in one batch. The commit's own round trip writes and commits.
/// </summary>
internal static class IdempotencyClaim
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(24);

    public static bool Needed(IReadOnlyList<AppendRequest> batch)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].IdempotencyKey is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Marks requests answered by an earlier publish; returns (index, first index with that key) pairs.</summary>
    public static async ValueTask<List<(int Index, int First)>> ResolveAsync(
        NpgsqlConnection connection, IReadOnlyList<AppendRequest> batch, AppendOutcome[] outcomes, bool[] resolved, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pairs = new List<(int Index, int First)>();
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].IdempotencyKey is { } key)
            {
                if (!first.TryAdd(key, i))
                {
                    resolved[i] = true;
                }

                pairs.Add((i, first[key]));
            }
        }

        var keys = first.Keys.Order(StringComparer.Ordinal).ToArray();
        await using var sql = new NpgsqlBatch(connection);
        sql.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
        var claim = new NpgsqlBatchCommand(PostgresSql.ClaimIdempotency);
        claim.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = keys });
        claim.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = (now + Window).UtcDateTime });
        claim.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = now.UtcDateTime });
        sql.BatchCommands.Add(claim);
        var find = new NpgsqlBatchCommand(PostgresSql.FindIdempotency);
        find.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = keys });
        sql.BatchCommands.Add(find);

        var claimed = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await sql.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (reader.FieldCount != 1 && await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
        {
        }

        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            claimed.Add(reader.GetString(0));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = reader.GetString(0);
            if (claimed.Contains(key))
            {
                continue;
            }

            if (reader.IsDBNull(1))
            {
                throw new InvalidOperationException("An idempotency key is held by a publish that has not committed; try again.");
            }

            var index = first[key];
            outcomes[index] = new AppendOutcome(reader.GetString(1), reader.GetString(2), reader.GetInt64(3), null);
            resolved[index] = true;
        }

        while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
        {
        }

        return pairs;
    }
}
