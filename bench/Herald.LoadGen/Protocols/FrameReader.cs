using System.Net.WebSockets;

namespace Herald.LoadGen.Protocols;

/// <summary>Reads one whole WebSocket message during a handshake, before the receive loop takes over.</summary>
internal static class FrameReader
{
    public static async Task<byte[]> ReadMessageAsync(WebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[4096];
        using var whole = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(), ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException($"closed during handshake: {socket.CloseStatus} {socket.CloseStatusDescription}");
            }

            whole.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return whole.ToArray();
            }
        }
    }
}
