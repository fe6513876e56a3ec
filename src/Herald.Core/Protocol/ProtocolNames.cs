using System.Text.Json;

namespace Herald.Protocol;

/// <summary>Property names and type values encoded once, so writing a message never re-escapes them.</summary>
internal static class ProtocolNames
{
    public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    public static readonly JsonEncodedText Channel = JsonEncodedText.Encode("channel");
    public static readonly JsonEncodedText Offset = JsonEncodedText.Encode("offset");
    public static readonly JsonEncodedText Epoch = JsonEncodedText.Encode("epoch");
    public static readonly JsonEncodedText Event = JsonEncodedText.Encode("event");
    public static readonly JsonEncodedText Key = JsonEncodedText.Encode("key");
    public static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");
    public static readonly JsonEncodedText Ts = JsonEncodedText.Encode("ts");
    public static readonly JsonEncodedText Tombstone = JsonEncodedText.Encode("tombstone");
    public static readonly JsonEncodedText Recovered = JsonEncodedText.Encode("recovered");
    public static readonly JsonEncodedText Items = JsonEncodedText.Encode("items");
    public static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
    public static readonly JsonEncodedText Code = JsonEncodedText.Encode("code");
    public static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    public static readonly JsonEncodedText Protocol = JsonEncodedText.Encode("protocol");
    public static readonly JsonEncodedText Session = JsonEncodedText.Encode("session");
    public static readonly JsonEncodedText Node = JsonEncodedText.Encode("node");
    public static readonly JsonEncodedText User = JsonEncodedText.Encode("user");
    public static readonly JsonEncodedText PingInterval = JsonEncodedText.Encode("ping_interval");
    public static readonly JsonEncodedText ExpiresAt = JsonEncodedText.Encode("expires_at");
    public static readonly JsonEncodedText In = JsonEncodedText.Encode("in");

    public static readonly JsonEncodedText EventType = JsonEncodedText.Encode("event");
    public static readonly JsonEncodedText WelcomeType = JsonEncodedText.Encode("welcome");
    public static readonly JsonEncodedText SubscribedType = JsonEncodedText.Encode("subscribed");
    public static readonly JsonEncodedText UnsubscribedType = JsonEncodedText.Encode("unsubscribed");
    public static readonly JsonEncodedText SnapshotType = JsonEncodedText.Encode("snapshot");
    public static readonly JsonEncodedText PongType = JsonEncodedText.Encode("pong");
    public static readonly JsonEncodedText RefreshedType = JsonEncodedText.Encode("refreshed");
    public static readonly JsonEncodedText ExpiringType = JsonEncodedText.Encode("expiring");
    public static readonly JsonEncodedText ErrorType = JsonEncodedText.Encode("error");

    /// <summary>The server's ping never varies: one shared frame for every session.</summary>
    public static readonly byte[] PingMessage = """{"type":"ping"}"""u8.ToArray();
}
