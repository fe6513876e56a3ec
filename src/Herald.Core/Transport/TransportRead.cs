using System.Buffers;

namespace Herald.Transport;

/// <summary>What <see cref="ITransport.ReceiveAsync"/> got from the peer.</summary>
internal readonly struct TransportRead
{
    private TransportRead(TransportReadKind kind, ReadOnlySequence<byte> payload, int closeCode, string closeReason)
    {
        Kind = kind;
        Payload = payload;
        CloseCode = closeCode;
        CloseReason = closeReason;
    }

    public static TransportRead TooLarge => new(TransportReadKind.TooLarge, default, 0, "");

    public static TransportRead Binary => new(TransportReadKind.Binary, default, 0, "");

    public static TransportRead Lost => new(TransportReadKind.Lost, default, 0, "");

    public TransportReadKind Kind { get; }

    public ReadOnlySequence<byte> Payload { get; }

    public int CloseCode { get; }

    public string CloseReason { get; }

    public static TransportRead Message(ReadOnlySequence<byte> payload) => new(TransportReadKind.Message, payload, 0, "");

    public static TransportRead Closed(int code, string reason) => new(TransportReadKind.Closed, default, code, reason);
}
