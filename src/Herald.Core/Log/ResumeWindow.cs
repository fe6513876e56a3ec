namespace Herald.Log;

/// <summary>
/// Which part of a stream is history, by the one rule every store is held to: the last
/// <c>HistorySize</c> events of the current epoch, none older than <c>HistoryAge</c>. Stores
/// may keep more (PostgreSQL keeps read-back slack and sweeps by age lazily); what they keep
/// beyond this is never replayed.
/// </summary>
internal readonly record struct ResumeWindow(StreamHead Head, ChannelRetention Retention, DateTimeOffset Now)
{
    /// <summary>History starts after this offset at the earliest (the count bound).</summary>
    public long Floor => Math.Max(0, Head.LastOffset - Retention.HistorySize);

    private DateTimeOffset Cutoff => Now - Retention.HistoryAge;

    /// <summary>What the head alone decides: same epoch, not ahead of the stream, within the count bound.</summary>
    public bool MayResume(StreamPosition since) =>
        since.Epoch == Head.Epoch && since.Offset >= Floor && since.Offset <= Head.LastOffset;

    /// <summary>
    /// Whether <paramref name="read"/>, the first events read after <paramref name="since"/>, continue the
    /// stream right after it: nothing trimmed in between, the first one not expired by age.
    /// </summary>
    public bool Continues(StreamPosition since, IReadOnlyList<LogEntry> read) =>
        read.Count > 0 && read[0].Offset == since.Offset + 1 && Retained(read[0]);

    /// <summary>Not expired by age. Kept history is a suffix, so the first retained event bounds the rest.</summary>
    public bool Retained(LogEntry entry) => entry.Timestamp >= Cutoff;

    /// <summary>Read from this head, unless the stream was reset after it was read.</summary>
    public bool SameLife(IReadOnlyList<LogEntry> read) => read.Count == 0 || (read[0].Epoch == Head.Epoch && read[^1].Epoch == Head.Epoch);
}
