namespace Herald.Log;

/// <summary>
/// The position an append landed at. <see cref="Committed"/> is null when an idempotency key
/// matched an earlier publish: that one's position is returned and nothing new is delivered.
/// </summary>
public readonly record struct AppendOutcome(string Channel, string Epoch, long Offset, LogEntry? Committed);
