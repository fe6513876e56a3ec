namespace Herald.Protocol;

public sealed record PingMessage(MessageId Id) : ClientMessage(Id);
