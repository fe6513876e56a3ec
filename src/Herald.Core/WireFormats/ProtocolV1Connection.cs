using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Herald.Log;
using Herald.Protocol;

namespace Herald.WireFormats;

/// <summary>v1 keeps no per-connection state, so every connection shares this one.</summary>
internal sealed class ProtocolV1Connection : WireConnection
{
    public ProtocolV1Connection(ProtocolV1Format format)
        : base(format)
    {
    }

    public override bool TryRead(ReadOnlySequence<byte> frame, [NotNullWhen(true)] out ClientMessage? message, out ProtocolError? rejected)
    {
        if (ClientMessageParser.TryParse(ref frame, out message, out var failed))
        {
            rejected = null;
            return true;
        }

        rejected = failed;
        return false;
    }

    public override byte[]? Welcome(WireWelcome welcome) => ServerMessageWriter.Welcome(welcome.Session, welcome.Node, welcome.User, welcome.PingInterval);

    public override byte[]? Subscribed(MessageId id, string channel, string epoch, long offset, bool? recovered) => ServerMessageWriter.Subscribed(id, channel, epoch, offset, recovered);

    public override byte[]? Unsubscribed(MessageId id, string channel, string? reason) => ServerMessageWriter.Unsubscribed(id, channel, reason);

    public override byte[]? Snapshot(string channel, string epoch, long offset, IReadOnlyList<LogEntry> items) => ServerMessageWriter.Snapshot(channel, epoch, offset, items);

    public override byte[]? ErrorReply(MessageId id, string code, string message) => ServerMessageWriter.Error(id, code, message);

    public override byte[]? Pong(MessageId id) => ServerMessageWriter.Pong(id);

    public override byte[]? Ping() => ProtocolNames.PingMessage;

    public override byte[]? Expiring(long inSeconds) => ServerMessageWriter.Expiring(inSeconds);

    public override byte[]? Refreshed(MessageId id, DateTimeOffset? expiresAt) => ServerMessageWriter.Refreshed(id, expiresAt);
}
