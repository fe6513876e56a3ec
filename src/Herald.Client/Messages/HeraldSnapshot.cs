namespace Herald.Client;

/// <summary>
/// The channel's latest state per key as of <paramref name="Position"/>: replace what you hold for
/// the channel with it. Tombstoned keys are absent.
/// </summary>
public sealed record HeraldSnapshot(string Channel, StreamPosition Position, IReadOnlyList<SnapshotItem> Items) : ChannelUpdate(Channel);
