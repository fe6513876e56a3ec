using System.Buffers;
using System.Text.Json;
using Herald.Protocol;

namespace Herald.WireFormats.TaskService;

/// <summary>
/// Reads <c>{"type":"SUBSCRIBE","data":{"room":"job:123",…}}</c>, <c>UNSUBSCRIBE</c> and <c>PING</c>;
/// fields of <c>data</c> other than <c>room</c> (<c>job_id</c>, <c>task_id</c>, <c>user_id</c>) are ignored.
/// Client messages are rare (a few subscribes per connection), so a document per frame is fine here.
/// </summary>
internal static class TaskServiceReader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 8 };

    public static bool TryRead(ReadOnlySequence<byte> frame, out string? type, out string? room, out ProtocolError? rejected)
    {
        type = null;
        room = null;
        try
        {
            using var document = JsonDocument.Parse(frame, Options);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var typeValue) || typeValue.ValueKind != JsonValueKind.String)
            {
                rejected = new(ErrorCodes.BadRequest, "A message is a JSON object with a string 'type'.", default);
                return false;
            }

            type = typeValue.GetString();
            if (type == TaskServiceNames.Ping)
            {
                rejected = null;
                return true;
            }

            if (type is not (TaskServiceNames.Subscribe or TaskServiceNames.Unsubscribe))
            {
                rejected = new(ErrorCodes.UnknownType, $"Unknown message type '{Shorten(type)}'; expected SUBSCRIBE, UNSUBSCRIBE or PING.", default);
                return false;
            }

            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
                || !data.TryGetProperty("room", out var roomValue) || roomValue.ValueKind != JsonValueKind.String)
            {
                rejected = new(ErrorCodes.InvalidChannel, $"{type} needs data.room, a string such as 'job:123'.", default);
                return false;
            }

            room = roomValue.GetString();
            rejected = null;
            return true;
        }
        catch (JsonException ex)
        {
            rejected = new(ErrorCodes.BadRequest, "Malformed JSON: " + ex.Message, default);
            return false;
        }
    }

    private static string Shorten(string? value) => value is null ? "" : value.Length <= 64 ? value : value[..64] + "…";
}
