using Microsoft.Extensions.Logging;

namespace Herald.AspNetCore.Transport.WebSockets.Lean;

internal sealed partial class LeanUpgradeHandler
{
    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.LeanHandshakeFailed, Level = LogLevel.Error, EventName = "LeanHandshakeFailed", Message = "The WebSocket upgrade on connection {ConnectionId} failed; answered 500.")]
        public static partial void HandshakeFailed(ILogger logger, string connectionId, Exception exception);
    }
}
