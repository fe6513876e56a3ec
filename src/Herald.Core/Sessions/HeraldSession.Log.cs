using Microsoft.Extensions.Logging;

namespace Herald.Sessions;

internal sealed partial class HeraldSession
{
    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.ClosedByServer, Level = LogLevel.Information, EventName = "ClosedByServer", Message = "Session {SessionId} of {User} closed by the server with {Code}: {Reason}.")]
        public static partial void ClosedByServer(ILogger logger, string sessionId, string user, int code, string reason);

        [LoggerMessage(EventId = EventIds.SessionFaulted, Level = LogLevel.Error, EventName = "SessionFaulted", Message = "Session {SessionId} failed.")]
        public static partial void SessionFaulted(ILogger logger, string sessionId, Exception exception);

        [LoggerMessage(EventId = EventIds.HistoryReadFailed, Level = LogLevel.Warning, EventName = "HistoryReadFailed", Message = "Reading the history of {Channel} failed.")]
        public static partial void HistoryReadFailed(ILogger logger, string channel, Exception exception);
    }
}
