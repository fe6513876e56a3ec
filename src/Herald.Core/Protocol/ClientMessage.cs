namespace Herald.Protocol;

/// <summary>One parsed client → server message (PROTOCOL.md §3).</summary>
internal sealed class ClientMessage
{
    public ClientMessageType Type { get; init; }

    public MessageId Id { get; init; }

    public string? Channel { get; init; }

    public IReadOnlyList<string>? Events { get; init; }

    public StreamPosition? Since { get; init; }

    public bool Snapshot { get; init; }

    public string? Token { get; init; }
}
