namespace Herald.Client;

/// <summary>The server's <c>welcome</c> for the current connection: its session id, node, user and ping interval.</summary>
public sealed record HeraldWelcome(string Session, string Node, string User, int PingInterval);
