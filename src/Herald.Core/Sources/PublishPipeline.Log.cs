using Microsoft.Extensions.Logging;

namespace Herald.Sources;

internal sealed partial class PublishPipeline
{
    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.AppendFailed, Level = LogLevel.Error, EventName = "AppendFailed", Message = "Appending {Count} events to the log failed; the publishers were told.")]
        public static partial void AppendFailed(ILogger logger, int count, Exception exception);

        [LoggerMessage(EventId = EventIds.PublishTimedOut, Level = LogLevel.Warning, EventName = "PublishTimedOut", Message = "A publish of {Count} events got no answer from the event log within {Timeout}; it was answered 503 and may still commit.")]
        public static partial void TimedOut(ILogger logger, int count, TimeSpan timeout);
    }
}
