using Herald.Protocol;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TaskService.Http;

/// <summary>RFC 9457 problem details with a machine-readable <c>code</c>, as Herald's own HTTP API answers.</summary>
public static class ApiProblems
{
    public const string NotFoundCode = "NOT_FOUND";

    public static ProblemHttpResult Unauthorized(string code, string detail) =>
        Create(StatusCodes.Status401Unauthorized, code, code == ErrorCodes.MissingCredentials ? "Missing credentials" : "Invalid credentials", detail);

    public static ProblemHttpResult TooManyRequests(string detail) =>
        Create(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimitExceeded, "Rate limit exceeded", detail);

    public static ProblemHttpResult NotFound(string detail) =>
        Create(StatusCodes.Status404NotFound, NotFoundCode, "Not found", detail);

    public static ProblemHttpResult BadRequest(string title, string detail) =>
        Create(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, title, detail);

    public static ProblemHttpResult PayloadTooLarge(string detail) =>
        Create(StatusCodes.Status413PayloadTooLarge, ErrorCodes.MessageTooLarge, "Body too large", detail);

    /// <summary>400 with <c>errors</c>: field name (as sent, snake_case) → what is wrong with it.</summary>
    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(
            errors,
            detail: "Some fields are missing or not valid; see errors.",
            title: "The request is not valid",
            extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.BadRequest });

    private static ProblemHttpResult Create(int status, string code, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["code"] = code });
}
