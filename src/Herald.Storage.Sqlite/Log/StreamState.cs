using Herald.Log;

namespace Herald.Storage.Sqlite.Log;

/// <summary>A channel's stream row while a batch is being appended.</summary>
internal sealed record StreamState(string Epoch, long LastOffset, bool IsNew)
{
    /// <summary>The retention of the batch's last request for this channel; null when nothing was appended.</summary>
    public ChannelRetention? Retention { get; init; }

    /// <summary>Whether the batch touched the latest-state table, so its bound must be enforced.</summary>
    public bool Keyed { get; init; }

    /// <summary>The offset through which the count bound has already deleted; 0 while unknown.</summary>
    public long TrimmedThrough { get; init; }

    /// <summary>A lower bound of the stream's oldest event time (Unix ms); null while unknown.</summary>
    public long? OldestMs { get; init; }
}
