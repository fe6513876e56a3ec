namespace Herald.WireFormats;

/// <summary>What a connection is told at connect: its session id, the node, the user and the ping interval in seconds.</summary>
public sealed record WireWelcome(string Session, string Node, string User, int PingInterval);
