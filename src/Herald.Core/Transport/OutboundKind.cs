namespace Herald.Transport;

internal enum OutboundKind : byte
{
    /// <summary>A reply or notice (welcome, subscribed, error, …): sent as it is.</summary>
    Reply,

    /// <summary>A channel's event: <see cref="OutboundMessage.Event"/> says which.</summary>
    Event,

    /// <summary>The keep-alive: a transport may say it its own way (an SSE comment).</summary>
    Ping,
}
