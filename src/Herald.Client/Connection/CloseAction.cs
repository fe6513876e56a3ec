namespace Herald.Client;

/// <summary>What the client does after a connection ends.</summary>
internal enum CloseAction
{
    Stop,
    ReconnectNow,
    Reconnect,
    RenewCredentials,
}
