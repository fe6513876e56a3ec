using Herald.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace Herald.AspNetCore.Http;

/// <summary>
/// The one place that makes errors Herald's handlers never saw into problem details with a
/// <c>code</c> (PROTOCOL.md §8): routing's 404, 405 and 415, Kestrel's refusals while a body is
/// read, and exceptions, which become a logged 500 <c>INTERNAL</c>. Only on <see cref="ApiRoutes"/>;
/// an answer that already has a body is left as it is.
/// </summary>
internal sealed partial class ApiErrorMiddleware(RequestDelegate next, ApiRoutes routes, ILogger<ApiErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!routes.Covers(context.Request.Path))
        {
            await next(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await WriteAsync(context, ex.StatusCode, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is over the server's limit." : "The request could not be read: " + ex.Message);
            return;
        }
        catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            Log.Unhandled(logger, context.Request.Method, context.Request.Path.Value ?? "", ex);
            context.Response.Clear();
            await WriteAsync(context, StatusCodes.Status500InternalServerError, "The server failed on this request; the fault is logged.");
            return;
        }

        var response = context.Response;
        if (response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null && response.ContentType is null)
        {
            await WriteAsync(context, response.StatusCode, DetailFor(context));
        }
    }

    private static Task WriteAsync(HttpContext context, int status, string detail) =>
        Problems.Write(context, status, CodeFor(status), ReasonPhrases.GetReasonPhrase(status), detail);

    private static string CodeFor(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => ErrorCodes.MissingCredentials,
        StatusCodes.Status403Forbidden => ErrorCodes.AccessDenied,
        StatusCodes.Status413PayloadTooLarge => ErrorCodes.MessageTooLarge,
        StatusCodes.Status429TooManyRequests => ErrorCodes.RateLimitExceeded,
        >= 500 => ErrorCodes.Internal,
        _ => ErrorCodes.BadRequest,
    };

    private static string DetailFor(HttpContext context) => context.Response.StatusCode switch
    {
        StatusCodes.Status404NotFound => $"There is no route {context.Request.Path}.",
        StatusCodes.Status405MethodNotAllowed => $"{context.Request.Path} does not answer {context.Request.Method}; see the Allow header.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json (a form or text/plain label is read as JSON too).",
        var status => $"The request was refused: {status} {ReasonPhrases.GetReasonPhrase(status)}.",
    };
}
