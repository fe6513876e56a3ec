namespace Herald.Client;

/// <summary>
/// A resume was answered <c>recovered: false</c>: events after <paramref name="Since"/> may have been
/// missed (history expired, or the stream started a new epoch). When the subscription asked for
/// snapshots, a <see cref="HeraldSnapshot"/> follows; otherwise re-read the state by other means.
/// Events continue from <paramref name="Position"/>.
/// </summary>
public sealed record HistoryGap(string Channel, StreamPosition Since, StreamPosition Position, bool SnapshotFollows) : ChannelUpdate(Channel);
