namespace Herald.Protocol;

/// <summary>The error codes of PROTOCOL.md §6, used on the wire and in problem details.</summary>
public static class ErrorCodes
{
    public const string BadRequest = "BAD_REQUEST";
    public const string UnknownType = "UNKNOWN_TYPE";
    public const string InvalidChannel = "INVALID_CHANNEL";
    public const string AccessDenied = "ACCESS_DENIED";
    public const string NotSubscribed = "NOT_SUBSCRIBED";
    public const string TooManySubscriptions = "TOO_MANY_SUBSCRIPTIONS";
    public const string RateLimitExceeded = "RATE_LIMIT_EXCEEDED";
    public const string MessageTooLarge = "MESSAGE_TOO_LARGE";
    public const string MissingCredentials = "MISSING_CREDENTIALS";
    public const string InvalidCredentials = "INVALID_CREDENTIALS";
    public const string TokenExpired = "TOKEN_EXPIRED";
    public const string Internal = "INTERNAL";
}
