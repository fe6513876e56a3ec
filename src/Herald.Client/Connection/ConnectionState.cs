namespace Herald.Client;

public enum ConnectionState
{
    /// <summary>Not started: neither <c>ConnectAsync</c> nor <c>SubscribeAsync</c> was called yet.</summary>
    Idle,

    /// <summary>Opening a connection (the first, or again after a close).</summary>
    Connecting,

    /// <summary>Welcomed by the server; subscriptions are being restored or are live.</summary>
    Connected,

    /// <summary>Disconnected, waiting out the backoff before the next attempt.</summary>
    Reconnecting,

    /// <summary>For good: disposed, or a close code that says stop (4003, 4400, 4001 with nothing new).</summary>
    Stopped,
}
