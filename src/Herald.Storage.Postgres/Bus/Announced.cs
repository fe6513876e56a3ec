using Herald.Log;

namespace Herald.Storage.Postgres.Bus;

/// <summary>
/// One channel's offsets <see cref="First"/>..<see cref="Last"/> as a notification announced them:
/// with the events themselves when they fitted the payload, or without (<see cref="Events"/> null),
/// in which case the bus reads them back from <c>herald_events</c>.
/// </summary>
internal sealed record Announced(string Channel, long First, long Last, List<LogEntry>? Events);
