namespace Herald.LoadGen.Protocols;

/// <summary>What a server message is, decided from its bytes without a full JSON parse.</summary>
internal enum MessageKind
{
    Event,
    Ping,
    Control,
}
