namespace Herald.Log;

/// <summary>What a subscriber reads at subscribe time (see <see cref="CatchUpReader.ReadAsync"/>).</summary>
/// <param name="Epoch">The stream's current epoch.</param>
/// <param name="Offset">The stream's last offset (0 when empty).</param>
/// <param name="Recovered">True when <c>since</c> was honoured: <paramref name="Events"/> is the whole gap.</param>
/// <param name="Events">The events after <c>since</c>, in offset order.</param>
/// <param name="Snapshot">The latest event per key in offset order, when asked for and not recovered.</param>
public sealed record StreamRead(
    string Epoch,
    long Offset,
    bool Recovered,
    IReadOnlyList<LogEntry> Events,
    IReadOnlyList<LogEntry>? Snapshot);
