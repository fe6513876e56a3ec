using Herald.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Herald.AspNetCore.Http;

/// <summary>RFC 9457 problem details carrying the protocol's error <c>code</c>.</summary>
internal static class Problems
{
    public static ProblemHttpResult Create(int status, string code, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["code"] = code });

    public static Task Write(HttpContext context, int status, string code, string title, string detail) =>
        Create(status, code, title, detail).ExecuteAsync(context);

    public static int StatusFor(string code) => code switch
    {
        ErrorCodes.MissingCredentials or ErrorCodes.InvalidCredentials or ErrorCodes.TokenExpired => StatusCodes.Status401Unauthorized,
        ErrorCodes.AccessDenied => StatusCodes.Status403Forbidden,
        ErrorCodes.MessageTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorCodes.RateLimitExceeded => StatusCodes.Status429TooManyRequests,
        ErrorCodes.Internal => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    public static ProblemHttpResult FromCode(string code, string detail) => Create(StatusFor(code), code, TitleFor(code), detail);

    private static string TitleFor(string code) => code switch
    {
        ErrorCodes.MissingCredentials => "Missing credentials",
        ErrorCodes.InvalidCredentials => "Invalid credentials",
        ErrorCodes.TokenExpired => "Token expired",
        ErrorCodes.AccessDenied => "Access denied",
        ErrorCodes.InvalidChannel => "Invalid channel",
        ErrorCodes.MessageTooLarge => "Message too large",
        ErrorCodes.RateLimitExceeded => "Rate limit exceeded",
        ErrorCodes.Internal => "Service unavailable",
        _ => "Bad request",
    };
}
