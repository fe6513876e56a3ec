namespace Herald.Protocol;

internal sealed record PingMessage(MessageId Id) : ClientMessage(Id);
