namespace Herald.LoadGen.Net;

/// <summary>Receives each complete WebSocket data message, in order, straight from the receive buffer.</summary>
internal interface IMessageHandler
{
    void OnMessage(ReadOnlySpan<byte> payload);
}
