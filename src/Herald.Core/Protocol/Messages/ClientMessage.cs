namespace Herald.Protocol;

/// <summary>One parsed client → server message (PROTOCOL.md §3): one subtype per <c>type</c>, each with its required fields non-null.</summary>
public abstract record ClientMessage(MessageId Id);
