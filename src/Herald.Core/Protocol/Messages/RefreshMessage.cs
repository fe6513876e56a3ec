namespace Herald.Protocol;

public sealed record RefreshMessage(MessageId Id, string Token) : ClientMessage(Id);
