using System.Runtime.InteropServices;
using System.Text.Json;
using Herald.Protocol;
using Herald.Sources;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Herald.AspNetCore.Http;

/// <summary>
/// Reads publish bodies by hand rather than by model binding, so every malformed body gets a
/// problem with the protocol's <c>code</c> and a detail naming the field at fault. Routing admits
/// JSON, form and text/plain labels alike (<c>curl -d</c> sends a form content type by default);
/// the body is read as UTF-8 JSON whatever the label. <c>data</c> is checked by the core's validator.
/// </summary>
internal static class PublishBodyReader
{
    private static readonly byte[] JsonNull = "null"u8.ToArray();

    public static async ValueTask<(JsonDocument? Document, ProblemHttpResult? Problem)> ReadAsync(HttpContext context, long limit)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        try
        {
            var document = await JsonDocument.ParseAsync(context.Request.Body, new JsonDocumentOptions { MaxDepth = 64 }, context.RequestAborted);
            return (document, null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.FromCode(ErrorCodes.MessageTooLarge, $"Request bodies are limited to {limit} bytes."));
        }
        catch (JsonException ex)
        {
            return (null, Problems.FromCode(ErrorCodes.BadRequest, "The body is not valid JSON: " + ex.Message));
        }
    }

    public static bool TryMap(JsonElement element, out PublishRequest? request, out string error)
    {
        request = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = "A message must be a JSON object.";
            return false;
        }

        if (!TryString(element, "channel", required: true, out var channel, out error)
            || !TryString(element, "event", required: true, out var eventName, out error)
            || !TryString(element, "key", required: false, out var key, out error)
            || !TryString(element, "idempotency_key", required: false, out var idempotencyKey, out error))
        {
            return false;
        }

        var tombstone = false;
        if (element.TryGetProperty("tombstone", out var t) && t.ValueKind != JsonValueKind.Null)
        {
            if (t.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                error = "Field 'tombstone' must be a boolean.";
                return false;
            }

            tombstone = t.GetBoolean();
        }

        var data = element.TryGetProperty("data", out var d) ? JsonMarshal.GetRawUtf8Value(d).ToArray() : JsonNull;
        request = new PublishRequest(channel!, eventName!, data) { Key = key, Tombstone = tombstone, IdempotencyKey = idempotencyKey };
        return true;
    }

    private static bool TryString(JsonElement element, string name, bool required, out string? value, out string error)
    {
        value = null;
        error = "";
        if (!element.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            error = $"Field '{name}' is required.";
            return !required;
        }

        if (property.ValueKind != JsonValueKind.String)
        {
            error = $"Field '{name}' must be a string.";
            return false;
        }

        try
        {
            value = property.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            // The parser leaves strings undecoded; decoding is where invalid UTF-8 or a lone surrogate shows.
            error = $"Field '{name}' is not well-formed Unicode text: invalid UTF-8, or a lone surrogate escape.";
            return false;
        }
    }
}
