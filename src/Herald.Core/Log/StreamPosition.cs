namespace Herald.Log;

/// <summary>A point in one life (<see cref="Epoch"/>) of a channel's stream.</summary>
public readonly record struct StreamPosition(string Epoch, long Offset);
