using Microsoft.Extensions.Logging;

namespace Herald.AspNetCore.Authentication;

internal sealed partial class JwtTokenValidator
{
    private static partial class Log
    {
        // The reason comes from IdentityModel's exception type; the token itself is never logged.
        [LoggerMessage(EventId = EventIds.JwtRejected, Level = LogLevel.Warning, EventName = "JwtRejected", Message = "A JWT was rejected: {Reason} ({Exception}).")]
        public static partial void Rejected(ILogger logger, string reason, string exception);
    }
}
