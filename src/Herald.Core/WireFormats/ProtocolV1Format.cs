using Herald.Log;
using Herald.Protocol;

namespace Herald.WireFormats;

/// <summary>Protocol v1, exactly as PROTOCOL.md has it: the existing parser and writer behind the seam.</summary>
internal sealed class ProtocolV1Format : WireFormat
{
    public const string FormatName = "herald-v1";

    public ProtocolV1Format()
        : base(FormatName)
    {
        Connection = new ProtocolV1Connection(this);
    }

    public WireConnection Connection { get; }

    public override bool CoalescesMessages => true;

    public override bool ClosesSilentConnections => true;

    public override byte[]? EncodeEvent(LogEntry entry) => ServerMessageWriter.EncodeEvent(entry);

    public override WireConnection CreateConnection(WireConnectContext context) => Connection;

    public override byte[]? Rejection(string code, string message) => ServerMessageWriter.Error(default, code, message);

    // v1 keeps its own field on the entry: the fan-out path stays what it was.
    internal override byte[]? Encoded(LogEntry entry) => EventEncoding.V1(entry);
}
