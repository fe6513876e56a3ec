using System.Text.Json;

namespace Herald.LoadGen.Protocols;

/// <summary>The Node ws peer's convention (bench/Peers/ws-peer/server.js): one JSON message per frame.</summary>
internal sealed class WsPeerProtocol(Uri baseUri) : WireProtocol
{
    public override string Name => "ws";

    public override byte Separator => (byte)'\n';

    // The peer heartbeats with WebSocket ping frames, which the socket layer answers by itself.
    public override ReadOnlyMemory<byte> Pong => ReadOnlyMemory<byte>.Empty;

    public override bool SupportsResume => false;

    public override Uri SocketUri(int clientIndex) => new($"ws://{baseUri.Authority}/");

    public override byte[]? HandshakeRequest => null;

    public override bool AwaitsGreeting => false;

    public override byte[] Subscribe(string channel, int id, ResumePoint? since) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["type"] = "subscribe", ["channel"] = channel });

    public override MessageKind Classify(ReadOnlySpan<byte> message) =>
        message.IndexOf("\"type\":\"event\""u8) >= 0 ? MessageKind.Event : MessageKind.Control;

    public override ControlMessage ParseControl(ReadOnlySpan<byte> message)
    {
        using var doc = JsonDocument.Parse(message.ToArray());
        var root = doc.RootElement;
        return root.TryGetProperty("type", out var t) && t.GetString() == "subscribed"
            ? new ControlMessage(ControlKind.Subscribed, root.GetProperty("channel").GetString(), Offset: root.GetProperty("offset").GetInt64())
            : ControlMessage.Other;
    }
}
