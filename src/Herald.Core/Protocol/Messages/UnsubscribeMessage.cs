namespace Herald.Protocol;

public sealed record UnsubscribeMessage(MessageId Id, string Channel) : ClientMessage(Id);
