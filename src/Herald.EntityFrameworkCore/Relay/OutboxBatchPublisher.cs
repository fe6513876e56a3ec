using System.Text;
using Herald.Protocol;
using Herald.Sources;

namespace Herald.EntityFrameworkCore.Relay;

/// <summary>
/// Publishes a batch of outbox rows, in order, with their idempotency keys. Herald validates a
/// batch as a whole, so one row it will never accept (unknown namespace, data too large) would
/// block every row behind it for ever: such a row is split off, reported, and the rows before
/// it are published. Anything else (the log unreachable) is thrown, and the relay retries.
/// </summary>
internal sealed class OutboxBatchPublisher(IHeraldPublisher publisher)
{
    public const string IdempotencyPrefix = "outbox:";

    public async ValueTask<BatchOutcome> PublishAsync(IReadOnlyList<HeraldOutboxMessage> rows, CancellationToken cancellationToken)
    {
        try
        {
            await publisher.PublishBatchAsync(rows.Select(ToRequest).ToList(), cancellationToken);
            return new BatchOutcome(rows, null);
        }
        catch (PublishException ex) when (ex.Code != ErrorCodes.Internal && ex.Index is { } index && index < rows.Count)
        {
            var valid = rows.Take(index).ToList();
            if (valid.Count > 0)
            {
                await publisher.PublishBatchAsync(valid.Select(ToRequest).ToList(), cancellationToken);
            }

            return new BatchOutcome(valid, new RejectedRow(rows[index], ex.Code, ex.Message));
        }
    }

    public static PublishRequest ToRequest(HeraldOutboxMessage row) =>
        new(row.Channel, row.Event, Encoding.UTF8.GetBytes(row.Data))
        {
            Key = row.Key,
            Tombstone = row.Tombstone,
            IdempotencyKey = IdempotencyPrefix + row.MessageId.ToString("N"),
        };
}
