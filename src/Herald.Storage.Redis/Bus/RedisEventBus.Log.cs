using Microsoft.Extensions.Logging;

namespace Herald.Storage.Redis.Bus;

internal sealed partial class RedisEventBus
{
    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.RedisSubscriptionLost, Level = LogLevel.Warning, EventName = "RedisSubscriptionLost", Message = "The subscriber connection to Redis {Endpoint} is down ({Reason}); this node is not ready and retries.")]
        public static partial void SubscriptionLost(ILogger logger, string endpoint, string reason);

        [LoggerMessage(EventId = EventIds.RedisSubscriptionBack, Level = LogLevel.Information, EventName = "RedisSubscriptionBack", Message = "The subscriber connection to Redis {Endpoint} is back; reading back what was committed meanwhile.")]
        public static partial void SubscriptionBack(ILogger logger, string endpoint);

        [LoggerMessage(EventId = EventIds.RedisReadBackFailed, Level = LogLevel.Warning, EventName = "RedisReadBackFailed", Message = "Reading announced events back from Redis failed ({Reason}); retrying.")]
        public static partial void ReadBackFailed(ILogger logger, string reason);

        [LoggerMessage(EventId = EventIds.RedisReadBackGap, Level = LogLevel.Error, EventName = "RedisReadBackGap", Message = "Events {From}-{To} of {Channel} were trimmed before this node could read them back; raise Herald:Redis:ReadBackSlack.")]
        public static partial void Gap(ILogger logger, string channel, long from, long to);
    }
}
