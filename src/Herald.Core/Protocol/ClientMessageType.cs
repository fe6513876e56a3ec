namespace Herald.Protocol;

internal enum ClientMessageType
{
    Subscribe,
    Unsubscribe,
    Ping,
    Pong,
    Refresh,
}
