using Herald.Channels;
using Herald.Configuration;
using Herald.Log;
using Herald.Protocol;
using Herald.Security;
using Microsoft.Extensions.Options;

namespace Herald.Sources;

/// <summary>Checks a publish request and resolves its retention, before anything is appended.</summary>
internal sealed class PublishValidator(ChannelAccess access, IOptions<HeraldOptions> options)
{
    private readonly int _maxData = options.Value.MaxEventDataBytes;

    public AppendRequest Validate(PublishRequest request, int? index = null)
    {
        // The channel's part is ChannelAccess's, worded as the sessions and the HTTP API word it.
        var verdict = access.Resolve(request.Channel);
        if (!verdict.Allowed)
        {
            throw new PublishException(verdict.ErrorCode!, verdict.Message!, index);
        }

        if (request.Event is null || !ChannelName.IsValidEventName(request.Event))
        {
            throw new PublishException(ErrorCodes.BadRequest, "Event names are 1-128 characters of [A-Za-z0-9_.:@=-].", index);
        }

        if (request.Key is not null && !ChannelName.IsValidKey(request.Key))
        {
            throw new PublishException(ErrorCodes.BadRequest, "A key is 1-256 characters without control characters or lone surrogates.", index);
        }

        if (request.Tombstone && request.Key is null)
        {
            throw new PublishException(ErrorCodes.BadRequest, "A tombstone needs a key.", index);
        }

        // The key rule: a NUL, say, is refused by PostgreSQL's text type and would fail every publish committed with it.
        if (request.IdempotencyKey is not null && !ChannelName.IsValidKey(request.IdempotencyKey))
        {
            throw new PublishException(ErrorCodes.BadRequest, "An idempotency key is 1-256 characters without control characters or lone surrogates.", index);
        }

        if (request.Data.Length > _maxData)
        {
            throw new PublishException(ErrorCodes.MessageTooLarge, $"Event data is limited to {_maxData} bytes.", index);
        }

        if (EventData.Problem(request.Data.Span) is { } problem)
        {
            throw new PublishException(ErrorCodes.BadRequest, problem, index);
        }

        return new AppendRequest(request.Channel!, request.Event, EventData.SingleLine(request.Data), request.Key, request.Tombstone, request.IdempotencyKey, verdict.Policy!.Retention);
    }
}
