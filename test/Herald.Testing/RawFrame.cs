using System.Buffers.Binary;
using System.Text;

namespace Herald.Testing;

/// <summary>One WebSocket frame as it came off the wire (RFC 6455 §5.2).</summary>
public sealed record RawFrame(int Opcode, bool Final, byte[] Payload)
{
    public const int TextOpcode = 0x1;
    public const int CloseOpcode = 0x8;
    public const int PingOpcode = 0x9;

    public bool IsClose => Opcode == CloseOpcode;

    /// <summary>The status code of a close frame; 1005 (none given) when its body is empty.</summary>
    public int CloseCode => Payload.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(Payload) : 1005;

    public string CloseReason => Payload.Length > 2 ? Encoding.UTF8.GetString(Payload, 2, Payload.Length - 2) : "";

    public string Text => Encoding.UTF8.GetString(Payload);

    public override string ToString() => IsClose ? $"close {CloseCode} {CloseReason}" : $"opcode {Opcode}, {Payload.Length} bytes";
}
