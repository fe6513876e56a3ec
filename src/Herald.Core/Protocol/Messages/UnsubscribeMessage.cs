namespace Herald.Protocol;

internal sealed record UnsubscribeMessage(MessageId Id, string Channel) : ClientMessage(Id);
