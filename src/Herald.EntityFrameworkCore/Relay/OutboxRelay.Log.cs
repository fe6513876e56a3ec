using Microsoft.Extensions.Logging;

namespace Herald.EntityFrameworkCore.Relay;

internal sealed partial class OutboxRelay<TContext>
{
    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.RelayFailed, Level = LogLevel.Warning, EventName = "RelayFailed", Message = "Relaying the outbox of {Context} failed; the rows stay and are retried in {Delay}.")]
        public static partial void RelayFailed(ILogger logger, string context, TimeSpan delay, Exception exception);

        [LoggerMessage(EventId = EventIds.EventRejected, Level = LogLevel.Error, EventName = "EventRejected", Message = "Herald refused outbox row {Id} ({Event} on {Channel}) for good: {Code} {Reason}. It is marked failed and skipped.")]
        public static partial void EventRejected(ILogger logger, long id, string @event, string channel, string code, string reason);

        [LoggerMessage(EventId = EventIds.Relayed, Level = LogLevel.Debug, EventName = "Relayed", Message = "Relayed {Count} outbox rows of {Context}.")]
        public static partial void Relayed(ILogger logger, int count, string context);

        [LoggerMessage(EventId = EventIds.RelayRecovered, Level = LogLevel.Information, EventName = "RelayRecovered", Message = "Relaying the outbox of {Context} works again.")]
        public static partial void RelayRecovered(ILogger logger, string context);
    }
}
