namespace Herald.Protocol;

/// <summary>Why a client frame was rejected, with the id to echo when the frame had one.</summary>
public readonly record struct ProtocolError(string Code, string Message, MessageId Id);
