namespace Herald.Client;

/// <summary>The server's <c>welcome</c> for the current connection.</summary>
public sealed record HeraldSession(string Session, string Node, string User, int PingInterval);
