using Microsoft.Extensions.Logging;

namespace Herald.Sources;

internal sealed partial class PublishPipeline
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Error, EventName = "AppendFailed", Message = "Appending {Count} events to the log failed; the publishers were told.")]
        public static partial void AppendFailed(ILogger logger, int count, Exception exception);
    }
}
