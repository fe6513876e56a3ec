namespace Herald.Protocol;

internal sealed record PongMessage(MessageId Id) : ClientMessage(Id);
