using Herald.Log;

namespace Herald.History;

/// <summary>One page of a channel's retained history, as one recipient may see it.</summary>
/// <param name="Epoch">The stream's current epoch; <paramref name="Next"/> is a position in it.</param>
/// <param name="Recovered">
/// Null when no <c>since</c> was given; otherwise whether it was honoured. False means the page
/// starts at the oldest retained event instead (another epoch, or history trimmed past it).
/// </param>
/// <param name="Events">At most the asked-for number of visible events, in offset order.</param>
/// <param name="Next">Where the next page starts after: past every event read, visible or not.</param>
/// <param name="HasMore">Whether visible events were left for the next page.</param>
internal sealed record HistoryPage(string Epoch, bool? Recovered, IReadOnlyList<LogEntry> Events, long Next, bool HasMore);
