namespace Herald.Cli;

/// <summary>What `herald` exits with, so scripts can tell failures apart.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Anything not listed below.</summary>
    public const int Failure = 1;

    /// <summary>Bad arguments: unknown option, invalid JSON, missing secret.</summary>
    public const int Usage = 2;

    /// <summary>The server could not be reached, timed out, is unavailable (503) or rate limited (429): try again later.</summary>
    public const int Unavailable = 3;

    /// <summary>No credentials, or the server rejected them (401, close 4001).</summary>
    public const int Unauthorized = 4;

    /// <summary>Authenticated but not allowed (403, close 4003).</summary>
    public const int Forbidden = 5;

    /// <summary>The thing asked for does not exist (404), e.g. an unknown key id.</summary>
    public const int NotFound = 6;

    /// <summary>The server refused the request as invalid (400, 413): bad channel, bad event name, too large.</summary>
    public const int Rejected = 7;

    public static int ForStatus(int status) => status switch
    {
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        429 or >= 500 => Unavailable,
        >= 400 => Rejected,
        _ => Failure,
    };

    public static int ForErrorCode(string? code) => code switch
    {
        "MISSING_CREDENTIALS" or "INVALID_CREDENTIALS" or "TOKEN_EXPIRED" => Unauthorized,
        "ACCESS_DENIED" => Forbidden,
        "BAD_REQUEST" or "INVALID_CHANNEL" or "MESSAGE_TOO_LARGE" or "TOO_MANY_SUBSCRIPTIONS" => Rejected,
        "RATE_LIMIT_EXCEEDED" or "INTERNAL" => Unavailable,
        _ => Failure,
    };
}
