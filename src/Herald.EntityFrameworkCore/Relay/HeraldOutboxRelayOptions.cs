namespace Herald.EntityFrameworkCore.Relay;

/// <summary>How one context's relay works. The defaults suit a single application node.</summary>
public sealed class HeraldOutboxRelayOptions
{
    /// <summary>Rows read and published together (one Herald batch, one commit in its log).</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// How often the relay looks without being woken. Commits through this process wake it at
    /// once; the poll is for rows written by other processes and for missed wake-ups.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries after a failure start at 100 ms and double up to this.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Relayed rows older than this are deleted; null keeps them.</summary>
    public TimeSpan? ProcessedRetention { get; set; } = TimeSpan.FromDays(1);
}
