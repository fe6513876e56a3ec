namespace Herald.Log;

/// <summary>Where a channel's stream stands: the life it is in and its last offset (0 when empty).</summary>
public readonly record struct StreamHead(string Epoch, long LastOffset);
