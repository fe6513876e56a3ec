namespace Herald.Log;

/// <summary>How much of a channel's stream is kept: history by count and age, and keys in the latest-state table.</summary>
public sealed record ChannelRetention(int HistorySize, TimeSpan HistoryAge, int MaxKeys)
{
    public static ChannelRetention Default { get; } = new(1000, TimeSpan.FromHours(24), 10_000);
}
