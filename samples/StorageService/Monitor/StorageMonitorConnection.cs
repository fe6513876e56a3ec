using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Herald.Protocol;
using Herald.WireFormats;

namespace StorageService.Monitor;

/// <summary>
/// A storage monitor connection: the seed's clients only listen. A frame from one is a client
/// bug; it spends the bad-message budget (nothing is written, the format has no error message),
/// so a client that keeps sending is closed with 4400.
/// </summary>
internal sealed class StorageMonitorConnection(StorageMonitorFormat format) : WireConnection(format)
{
    public override bool TryRead(ReadOnlySequence<byte> frame, [NotNullWhen(true)] out ClientMessage? message, out ProtocolError? rejected)
    {
        message = null;
        rejected = new ProtocolError(ErrorCodes.BadRequest, "The storage monitor reads no client messages.", default);
        return false;
    }

    public override byte[]? ErrorReply(MessageId id, string code, string message) => null;

    public override byte[]? Ping() => StorageMonitorWriter.Ping;
}
