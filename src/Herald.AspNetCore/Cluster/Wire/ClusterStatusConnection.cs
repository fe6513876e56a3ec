using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Herald.Log;
using Herald.Protocol;
using Herald.WireFormats;

namespace Herald.AspNetCore.Cluster.Wire;

/// <summary>
/// One cluster status connection: its subscription toggles (all on until the client says
/// otherwise), applied to every event after Herald's own filtering.
/// </summary>
internal sealed class ClusterStatusConnection(ClusterStatusFormat format, TimeProvider time) : WireConnection(format)
{
    // Written by the receive loop, read by whichever thread delivers an event.
    private volatile int _toggles = (int)ClusterToggles.All;

    public override bool TryRead(ReadOnlySequence<byte> frame, [NotNullWhen(true)] out ClientMessage? message, out ProtocolError? rejected)
    {
        var read = ClusterClientReader.Read(frame);
        message = null;
        rejected = null;
        switch (read.Kind)
        {
            case ClusterClientMessageKind.Subscribe:
                // A change of toggles has no reply in the seed: the next messages show it.
                _toggles = (int)read.Apply((ClusterToggles)_toggles);
                return false;
            case ClusterClientMessageKind.Ping:
                message = new PingMessage(default);
                return true;
            case ClusterClientMessageKind.Pong:
                message = new PongMessage(default);
                return true;
            default:
                rejected = new ProtocolError(read.ErrorCode!, read.ErrorMessage!, default);
                return false;
        }
    }

    public override bool Wants(LogEntry entry) => Allows(ClusterKinds.ToggleFor(entry.Event));

    public override byte[]? Snapshot(string channel, string epoch, long offset, IReadOnlyList<LogEntry> items) =>
        Allows(ClusterToggles.Status) ? ClusterMessageWriter.InitialStatus(channel, epoch, offset, items) : null;

    public override byte[]? ErrorReply(MessageId id, string code, string message) => ClusterMessageWriter.Error(code, message, time.GetUtcNow());

    /// <summary>The server took the subscription away (the principal lost <c>admin</c>): say so rather than fall silent.</summary>
    public override byte[]? Unsubscribed(MessageId id, string channel, string? reason) =>
        reason is null ? null : ClusterMessageWriter.Error(reason, $"The subscription to '{channel}' was taken away.", time.GetUtcNow());

    public override byte[]? Pong(MessageId id) => ClusterMessageWriter.Heartbeat(ClusterKinds.Pong, time.GetUtcNow());

    public override byte[]? Ping() => ClusterMessageWriter.Heartbeat(ClusterKinds.Ping, time.GetUtcNow());

    private bool Allows(ClusterToggles toggle) => toggle == ClusterToggles.None || ((ClusterToggles)_toggles & toggle) != 0;
}
