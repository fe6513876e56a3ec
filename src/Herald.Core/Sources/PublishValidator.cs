using System.Text.Json;
using Herald.Channels;
using Herald.Configuration;
using Herald.Log;
using Herald.Protocol;
using Herald.Security;
using Microsoft.Extensions.Options;

namespace Herald.Sources;

/// <summary>Checks a publish request and resolves its retention, before anything is appended.</summary>
internal sealed class PublishValidator(NamespaceRules rules, IOptions<HeraldOptions> options)
{
    private readonly int _maxData = options.Value.MaxEventDataBytes;

    public AppendRequest Validate(PublishRequest request, int? index = null)
    {
        if (request.Channel is null || !ChannelName.IsValid(request.Channel))
        {
            throw new PublishException(ErrorCodes.InvalidChannel, "Channel names are 1-128 characters of [A-Za-z0-9_.:@=-].", index);
        }

        var policy = rules.Resolve(request.Channel)
            ?? throw new PublishException(ErrorCodes.InvalidChannel, $"Unknown namespace '{ChannelName.NamespaceOf(request.Channel)}'.", index);

        if (request.Event is null || !ChannelName.IsValidEventName(request.Event))
        {
            throw new PublishException(ErrorCodes.BadRequest, "Event names are 1-128 characters of [A-Za-z0-9_.:@=-].", index);
        }

        if (request.Key is not null && !ChannelName.IsValidKey(request.Key))
        {
            throw new PublishException(ErrorCodes.BadRequest, "A key is 1-256 characters without control characters.", index);
        }

        if (request.Tombstone && request.Key is null)
        {
            throw new PublishException(ErrorCodes.BadRequest, "A tombstone needs a key.", index);
        }

        if (request.IdempotencyKey is { Length: 0 or > 256 })
        {
            throw new PublishException(ErrorCodes.BadRequest, "An idempotency key is 1-256 characters.", index);
        }

        if (request.Data.Length > _maxData)
        {
            throw new PublishException(ErrorCodes.MessageTooLarge, $"Event data is limited to {_maxData} bytes.", index);
        }

        if (!IsSingleJsonValue(request.Data.Span))
        {
            throw new PublishException(ErrorCodes.BadRequest, "Event data must be one JSON value.", index);
        }

        return new AppendRequest(request.Channel, request.Event, request.Data, request.Key, request.Tombstone, request.IdempotencyKey, policy.Retention);
    }

    private static bool IsSingleJsonValue(ReadOnlySpan<byte> json)
    {
        // The bytes are spliced raw into every event frame: they must be exactly one valid value.
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read())
            {
                return false;
            }

            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
