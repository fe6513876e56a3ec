namespace Herald.Protocol;

internal sealed record RefreshMessage(MessageId Id, string Token) : ClientMessage(Id);
