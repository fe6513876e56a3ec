using System.Text.Json;

namespace Herald.Client;

/// <summary>
/// What carries one connection's messages: a WebSocket, or a Server-Sent Events stream that only
/// receives. <see cref="WireConnection"/> keeps the protocol state; a wire only moves text.
/// </summary>
internal interface IWire : IAsyncDisposable
{
    /// <summary>Sends one message; throws when the wire cannot (closed, or one-way).</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken);

    /// <summary>Starts closing without waiting for it; <see cref="ReadAsync"/> then returns.</summary>
    ValueTask CloseOutputAsync(int code, string reason, TimeSpan timeout);

    /// <summary>
    /// Reads until the wire ends, handing each message to <paramref name="onMessage"/> in order, and gives up
    /// after silence longer than <paramref name="idleTimeout"/> (read again before each wait: welcome sets it).
    /// </summary>
    Task<WireEnd> ReadAsync(Func<JsonElement, ValueTask> onMessage, Func<TimeSpan> idleTimeout, CancellationToken cancellationToken);
}
