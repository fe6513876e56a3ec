using System.Text.Json;
using Herald.Log;

namespace Herald.Protocol;

internal static partial class ServerMessageWriter
{
    public static byte[] Welcome(string session, string node, string user, int pingInterval) =>
        Encode((session, node, user, pingInterval), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString(ProtocolNames.Type, ProtocolNames.WelcomeType);
            w.WriteNumber(ProtocolNames.Protocol, 1);
            w.WriteString(ProtocolNames.Session, s.session);
            w.WriteString(ProtocolNames.Node, s.node);
            w.WriteString(ProtocolNames.User, s.user);
            w.WriteNumber(ProtocolNames.PingInterval, s.pingInterval);
            w.WriteEndObject();
        });

    public static byte[] Subscribed(MessageId id, string channel, string epoch, long offset, bool? recovered) =>
        Encode((id, channel, epoch, offset, recovered), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString(ProtocolNames.Type, ProtocolNames.SubscribedType);
            WriteId(w, s.id);
            w.WriteString(ProtocolNames.Channel, s.channel);
            w.WriteString(ProtocolNames.Epoch, s.epoch);
            w.WriteNumber(ProtocolNames.Offset, s.offset);
            if (s.recovered is { } recovered)
            {
                w.WriteBoolean(ProtocolNames.Recovered, recovered);
            }

            w.WriteEndObject();
        });

    public static byte[] Unsubscribed(MessageId id, string channel, string? reason) =>
        Encode((id, channel, reason), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString(ProtocolNames.Type, ProtocolNames.UnsubscribedType);
            WriteId(w, s.id);
            w.WriteString(ProtocolNames.Channel, s.channel);
            if (s.reason is not null)
            {
                w.WriteString(ProtocolNames.Reason, s.reason);
            }

            w.WriteEndObject();
        });

    public static byte[] Snapshot(string channel, string epoch, long offset, IReadOnlyList<LogEntry> items) =>
        Encode((channel, epoch, offset, items), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString(ProtocolNames.Type, ProtocolNames.SnapshotType);
            w.WriteString(ProtocolNames.Channel, s.channel);
            w.WriteString(ProtocolNames.Epoch, s.epoch);
            w.WriteNumber(ProtocolNames.Offset, s.offset);
            w.WriteStartArray(ProtocolNames.Items);
            foreach (var item in s.items)
            {
                w.WriteStartObject();
                w.WriteString(ProtocolNames.Key, item.Key);
                w.WriteNumber(ProtocolNames.Offset, item.Offset);
                w.WriteString(ProtocolNames.Event, item.Event);
                w.WritePropertyName(ProtocolNames.Data);
                w.WriteRawValue(item.Data.Span, skipInputValidation: true);
                WriteTimestamp(w, ProtocolNames.Ts, item.Timestamp);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });

    public static byte[] Pong(MessageId id) => Encode(id, static (w, id) =>
    {
        w.WriteStartObject();
        w.WriteString(ProtocolNames.Type, ProtocolNames.PongType);
        WriteId(w, id);
        w.WriteEndObject();
    });

    public static byte[] Refreshed(MessageId id, DateTimeOffset? expiresAt) => Encode((id, expiresAt), static (w, s) =>
    {
        w.WriteStartObject();
        w.WriteString(ProtocolNames.Type, ProtocolNames.RefreshedType);
        WriteId(w, s.id);
        if (s.expiresAt is { } at)
        {
            WriteTimestamp(w, ProtocolNames.ExpiresAt, at);
        }
        else
        {
            w.WriteNull(ProtocolNames.ExpiresAt);
        }

        w.WriteEndObject();
    });

    public static byte[] Expiring(long inSeconds) => Encode(inSeconds, static (w, seconds) =>
    {
        w.WriteStartObject();
        w.WriteString(ProtocolNames.Type, ProtocolNames.ExpiringType);
        w.WriteNumber(ProtocolNames.In, seconds);
        w.WriteEndObject();
    });

    public static byte[] Error(MessageId id, string code, string message) => Encode((id, code, message), static (w, s) =>
    {
        w.WriteStartObject();
        w.WriteString(ProtocolNames.Type, ProtocolNames.ErrorType);
        WriteId(w, s.id);
        w.WriteString(ProtocolNames.Code, s.code);
        w.WriteString(ProtocolNames.Message, s.message);
        w.WriteEndObject();
    });
}
