using Microsoft.Extensions.Logging;

namespace Herald.Client;

internal static partial class ClientLog
{
    [LoggerMessage(EventId = EventIds.Connected, Level = LogLevel.Information, Message = "Connected to {Url} (session {Session}, node {Node}, user {User})")]
    public static partial void Connected(ILogger logger, Uri url, string session, string node, string user);

    [LoggerMessage(EventId = EventIds.ConnectFailed, Level = LogLevel.Warning, Message = "Connection failed: {Reason}; retrying in {Delay}")]
    public static partial void ConnectFailed(ILogger logger, string reason, TimeSpan delay);

    [LoggerMessage(EventId = EventIds.Closed, Level = LogLevel.Information, Message = "Connection closed with {Code} {Description} (error {ErrorCode}); {Action} in {Delay}")]
    public static partial void Closed(ILogger logger, int code, string description, string? errorCode, string action, TimeSpan delay);

    [LoggerMessage(EventId = EventIds.Stopped, Level = LogLevel.Warning, Message = "Stopped: {Message} (close {Code}, error {ErrorCode})")]
    public static partial void Stopped(ILogger logger, string message, int? code, string? errorCode);

    [LoggerMessage(EventId = EventIds.Refreshed, Level = LogLevel.Information, Message = "Token refreshed on the live connection")]
    public static partial void Refreshed(ILogger logger);

    [LoggerMessage(EventId = EventIds.RefreshRefused, Level = LogLevel.Warning, Message = "Refresh refused: {Code} {Message}")]
    public static partial void RefreshRefused(ILogger logger, string code, string message);

    [LoggerMessage(EventId = EventIds.NothingToRefresh, Level = LogLevel.Debug, Message = "expiring in {Seconds} s, but the credential provider has no new token")]
    public static partial void NothingToRefresh(ILogger logger, long seconds);

    [LoggerMessage(EventId = EventIds.SubscribeRefused, Level = LogLevel.Warning, Message = "Subscription to {Channel} refused: {Code} {Message}")]
    public static partial void SubscribeRefused(ILogger logger, string channel, string code, string message);

    [LoggerMessage(EventId = EventIds.SubscriptionTakenAway, Level = LogLevel.Warning, Message = "The server ended the subscription to {Channel}: {Reason}")]
    public static partial void SubscriptionTakenAway(ILogger logger, string channel, string reason);

    [LoggerMessage(EventId = EventIds.HistoryGap, Level = LogLevel.Warning, Message = "History of {Channel} could not be replayed from {Since}; now at {Position}")]
    public static partial void HistoryGap(ILogger logger, string channel, StreamPosition since, StreamPosition position);

    [LoggerMessage(EventId = EventIds.RefreshFailed, Level = LogLevel.Warning, Message = "Refresh failed")]
    public static partial void RefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = EventIds.HandlerFailed, Level = LogLevel.Error, Message = "A StateChanged handler threw")]
    public static partial void HandlerFailed(ILogger logger, Exception exception);
}
