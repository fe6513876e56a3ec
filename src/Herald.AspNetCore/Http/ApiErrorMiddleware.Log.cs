using Microsoft.Extensions.Logging;

namespace Herald.AspNetCore.Http;

internal sealed partial class ApiErrorMiddleware
{
    private static partial class Log
    {
        // The path only: a query string may carry ?token= or ?api_key=.
        [LoggerMessage(EventId = EventIds.ApiRequestFailed, Level = LogLevel.Error, EventName = "ApiRequestFailed", Message = "{Method} {Path} failed; the caller was told 500 INTERNAL.")]
        public static partial void Unhandled(ILogger logger, string method, string path, Exception exception);
    }
}
