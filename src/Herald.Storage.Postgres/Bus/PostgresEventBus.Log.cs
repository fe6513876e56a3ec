using Microsoft.Extensions.Logging;

namespace Herald.Storage.Postgres.Bus;

internal sealed partial class PostgresEventBus
{
    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.PostgresListenLost, Level = LogLevel.Warning, EventName = "PostgresListenLost", Message = "The LISTEN connection to PostgreSQL is down ({Reason}); this node is not ready and retries.")]
        public static partial void ListenLost(ILogger logger, string reason);

        [LoggerMessage(EventId = EventIds.PostgresListenBack, Level = LogLevel.Information, EventName = "PostgresListenBack", Message = "The LISTEN connection to PostgreSQL is back; reading back what was committed meanwhile.")]
        public static partial void Reconnected(ILogger logger);

        [LoggerMessage(EventId = EventIds.PostgresReadBackFailed, Level = LogLevel.Warning, EventName = "PostgresReadBackFailed", Message = "Reading announced events back from PostgreSQL failed ({Reason}); retrying.")]
        public static partial void ReadBackFailed(ILogger logger, string reason);

        [LoggerMessage(EventId = EventIds.PostgresNotificationUnreadable, Level = LogLevel.Warning, EventName = "PostgresNotificationUnreadable", Message = "A notification on herald_events was not Herald's ({Length} characters); reading back every known channel instead.")]
        public static partial void Unreadable(ILogger logger, int length);
    }
}
