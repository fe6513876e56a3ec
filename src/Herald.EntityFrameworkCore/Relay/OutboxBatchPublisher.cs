using System.Text;
using Herald.Protocol;
using Herald.Sources;

namespace Herald.EntityFrameworkCore.Relay;

/// <summary>
/// Publishes a batch of outbox rows, in order, with their idempotency keys. Herald validates a
/// batch as a whole, so one row it will never accept (unknown namespace, data too large or not
/// well-formed JSON text) would block every row behind it for ever: such a row is split off,
/// reported, and the rows before it are published. Anything else (the log unreachable) is
/// thrown, and the relay retries.
/// </summary>
internal sealed class OutboxBatchPublisher(IHeraldPublisher publisher)
{
    public const string IdempotencyPrefix = "outbox:";

    // Strict: a lone surrogate in the row's text (a UTF-16 database column can hold one) would
    // otherwise be replaced by U+FFFD, and the event published with data the application never wrote.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async ValueTask<BatchOutcome> PublishAsync(IReadOnlyList<HeraldOutboxMessage> rows, CancellationToken cancellationToken)
    {
        try
        {
            await publisher.PublishBatchAsync(ToRequests(rows), cancellationToken);
            return new BatchOutcome(rows, null);
        }
        catch (PublishException ex) when (ex.Code != ErrorCodes.Internal && ex.Index is { } index && index < rows.Count)
        {
            var valid = rows.Take(index).ToList();
            if (valid.Count > 0)
            {
                await publisher.PublishBatchAsync(ToRequests(valid), cancellationToken);
            }

            return new BatchOutcome(valid, new RejectedRow(rows[index], ex.Code, ex.Message));
        }
    }

    /// <exception cref="PublishException">A row's data is not well-formed UTF-16; its index says which.</exception>
    private static List<PublishRequest> ToRequests(IReadOnlyList<HeraldOutboxMessage> rows)
    {
        var requests = new List<PublishRequest>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            requests.Add(ToRequest(rows[i], i));
        }

        return requests;
    }

    private static PublishRequest ToRequest(HeraldOutboxMessage row, int index)
    {
        byte[] data;
        try
        {
            data = StrictUtf8.GetBytes(row.Data);
        }
        catch (EncoderFallbackException)
        {
            throw new PublishException(ErrorCodes.BadRequest, "The row's data holds a lone surrogate; it is not well-formed Unicode text.", index);
        }

        return new PublishRequest(row.Channel, row.Event, data)
        {
            Key = row.Key,
            Tombstone = row.Tombstone,
            IdempotencyKey = IdempotencyPrefix + row.MessageId.ToString("N"),
        };
    }
}
