using System.Text.Json;

namespace Herald.LoadGen.Protocols;

/// <summary>Herald's wire protocol v1 (shared/spec/PROTOCOL.md).</summary>
internal sealed class HeraldProtocol(Uri baseUri, Func<int, string> tokenFor) : WireProtocol
{
    private static readonly byte[] PongBytes = "{\"type\":\"pong\"}"u8.ToArray();

    public override string Name => "herald";

    public override byte Separator => (byte)'\n';

    public override ReadOnlyMemory<byte> Pong => PongBytes;

    public override bool SupportsResume => true;

    public override Uri SocketUri(int clientIndex) =>
        new($"ws://{baseUri.Authority}/ws?token={Uri.EscapeDataString(tokenFor(clientIndex))}");

    public override byte[]? HandshakeRequest => null;

    public override bool AwaitsGreeting => true;

    public override byte[] Subscribe(string channel, int id, ResumePoint? since)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("type", "subscribe");
            w.WriteNumber("id", id);
            w.WriteString("channel", channel);
            if (since is not null)
            {
                w.WriteStartObject("since");
                w.WriteString("epoch", since.Epoch);
                w.WriteNumber("offset", since.Offset);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    public override MessageKind Classify(ReadOnlySpan<byte> message)
    {
        if (message.IndexOf("\"type\":\"event\""u8) >= 0)
        {
            return MessageKind.Event;
        }

        return message.IndexOf("\"type\":\"ping\""u8) >= 0 ? MessageKind.Ping : MessageKind.Control;
    }

    public override ControlMessage ParseControl(ReadOnlySpan<byte> message)
    {
        using var doc = JsonDocument.Parse(message.ToArray());
        var root = doc.RootElement;
        var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
        return type switch
        {
            "subscribed" => new ControlMessage(
                ControlKind.Subscribed,
                root.TryGetProperty("channel", out var ch) ? ch.GetString() : null,
                root.TryGetProperty("epoch", out var ep) ? ep.ToString() : null,
                root.TryGetProperty("offset", out var off) && off.ValueKind == JsonValueKind.Number ? off.GetInt64() : 0,
                root.TryGetProperty("recovered", out var rec) && rec.ValueKind is JsonValueKind.True or JsonValueKind.False ? rec.GetBoolean() : null),
            "welcome" => new ControlMessage(ControlKind.Greeting),
            "error" => new ControlMessage(ControlKind.Error, Error: root.TryGetProperty("code", out var code) ? code.GetString() : "error"),
            _ => ControlMessage.Other,
        };
    }
}
