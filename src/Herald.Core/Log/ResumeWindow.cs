using Herald.Protocol;

namespace Herald.Log;

/// <summary>
/// When <c>since</c> can be honoured by a durable store, by the same rule as the in-memory log: same epoch, not
/// ahead of the stream, within the last <c>HistorySize</c> events, and the first event after it
/// not older than <c>HistoryAge</c> (the caller checks that one against the stored row).
/// </summary>
internal static class ResumeWindow
{
    public static bool InCountWindow(StreamPosition since, string epoch, long lastOffset, ChannelRetention retention) =>
        since.Epoch == epoch
        && since.Offset >= 0
        && since.Offset <= lastOffset
        && since.Offset >= lastOffset - retention.HistorySize;

    /// <summary>
    /// Whether a replay read back for <paramref name="since"/> covers the whole gap: every event up
    /// to <paramref name="lastOffset"/>, none missing (trimmed by count), the first not expired by age.
    /// </summary>
    public static bool Covers(IReadOnlyList<LogEntry> replay, StreamPosition since, long lastOffset, ChannelRetention retention, DateTimeOffset now) =>
        replay.Count == lastOffset - since.Offset
        && replay.Count > 0
        && replay[0].Offset == since.Offset + 1
        && replay[0].Timestamp >= now - retention.HistoryAge;
}
