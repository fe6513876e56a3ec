using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace TaskService.Http;

/// <summary>
/// Reads and validates a JSON body, answering problem details for every way it can be wrong
/// (missing, not JSON, wrong types, invalid fields). Any content type is accepted, so that
/// <c>curl -d '{…}'</c> works without a header.
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 64 * 1024;

    public static async ValueTask<(T? Body, IResult? Problem)> ReadAsync<T>(HttpContext context)
        where T : class, IValidatable
    {
        if (context.Request.ContentLength > MaxBytes)
        {
            return (null, ApiProblems.PayloadTooLarge($"Bodies are limited to {MaxBytes} bytes."));
        }

        if (context.Request.ContentLength == 0 || context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == false)
        {
            return (null, MissingBody());
        }

        // Chunked bodies carry no length up front: let Kestrel cut them off at the same size.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = MaxBytes;
        }

        T? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, TaskJson.Options, context.RequestAborted);
        }
        catch (JsonException ex)
        {
            var where = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "The body" : $"The value at '{ex.Path}'";
            return (null, ApiProblems.BadRequest("Malformed JSON body", $"{where} is not valid JSON of the expected type."));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ApiProblems.PayloadTooLarge($"Bodies are limited to {MaxBytes} bytes."));
        }

        if (body is null)
        {
            return (null, MissingBody());
        }

        var errors = body.Validate();
        return errors.Count > 0 ? (null, ApiProblems.Invalid(errors)) : (body, null);
    }

    private static IResult MissingBody() => ApiProblems.BadRequest("Missing JSON body", "This call needs a JSON object body.");
}
