namespace Herald.Protocol;

public sealed record PongMessage(MessageId Id) : ClientMessage(Id);
