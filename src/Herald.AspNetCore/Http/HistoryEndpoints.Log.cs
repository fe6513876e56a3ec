using Microsoft.Extensions.Logging;

namespace Herald.AspNetCore.Http;

internal static partial class HistoryEndpoints
{
    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.HistoryReadFailed, Level = LogLevel.Error, EventName = "HistoryReadFailed", Message = "Reading the history of {Channel} for the history API failed.")]
        public static partial void ReadFailed(ILogger logger, string channel, Exception exception);
    }
}
