using System.Globalization;
using System.Text.Json;

namespace Herald.LoadGen.Protocols;

/// <summary>
/// The SignalR JSON hub protocol over a direct WebSocket (the JS client's skipNegotiation): handshake, then
/// records separated by 0x1E. Subscribing is an invocation of the hub's Subscribe method.
/// </summary>
internal sealed class SignalRProtocol(Uri baseUri) : WireProtocol
{
    private const byte RecordSeparator = 0x1e;
    private static readonly byte[] PingBytes = "{\"type\":6}\u001e"u8.ToArray();

    public override string Name => "signalr";

    public override byte Separator => RecordSeparator;

    // The hub drops a client it has not heard from in 30 s; answering each keep-alive keeps it, like the JS client does.
    public override ReadOnlyMemory<byte> Pong => PingBytes;

    public override bool SupportsResume => false;

    public override Uri SocketUri(int clientIndex) => new($"ws://{baseUri.Authority}/hub");

    public override byte[]? HandshakeRequest { get; } = "{\"protocol\":\"json\",\"version\":1}\u001e"u8.ToArray();

    public override bool AwaitsGreeting => true;

    public override byte[] Subscribe(string channel, int id, ResumePoint? since)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteNumber("type", 1);
            w.WriteString("invocationId", id.ToString(CultureInfo.InvariantCulture));
            w.WriteString("target", "Subscribe");
            w.WriteStartArray("arguments");
            w.WriteStringValue(channel);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        stream.WriteByte(RecordSeparator);
        return stream.ToArray();
    }

    public override MessageKind Classify(ReadOnlySpan<byte> message)
    {
        if (message.StartsWith("{\"type\":1,"u8) && message.IndexOf("\"target\":\"event\""u8) >= 0)
        {
            return MessageKind.Event;
        }

        return message.SequenceEqual("{\"type\":6}"u8) ? MessageKind.Ping : MessageKind.Control;
    }

    public override ControlMessage ParseControl(ReadOnlySpan<byte> message)
    {
        using var doc = JsonDocument.Parse(message.ToArray());
        var root = doc.RootElement;
        if (!root.TryGetProperty("type", out var type))
        {
            // The handshake answer: {} or {"error":"..."}.
            return root.TryGetProperty("error", out var refused)
                ? new ControlMessage(ControlKind.Error, Error: refused.GetString())
                : new ControlMessage(ControlKind.Greeting);
        }

        switch (type.GetInt32())
        {
            case 3 when root.TryGetProperty("error", out var error):
                return new ControlMessage(ControlKind.Error, Error: error.GetString());
            case 3:
                // The hub answers Subscribe with the channel's current offset.
                var offset = root.TryGetProperty("result", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetInt64() : 0;
                return new ControlMessage(ControlKind.Subscribed, Offset: offset);
            case 7:
                return new ControlMessage(ControlKind.Close, Error: root.TryGetProperty("error", out var e) ? e.GetString() : null);
            default:
                return ControlMessage.Other;
        }
    }
}
