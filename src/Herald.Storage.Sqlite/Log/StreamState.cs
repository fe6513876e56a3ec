using Herald.Log;

namespace Herald.Storage.Sqlite.Log;

/// <summary>A channel's stream row while a batch is being appended.</summary>
internal sealed record StreamState(string Epoch, long LastOffset, bool IsNew)
{
    /// <summary>The retention of the batch's last request for this channel; null when nothing was appended.</summary>
    public ChannelRetention? Retention { get; init; }

    /// <summary>Whether the batch touched the latest-state table, so its bound must be enforced.</summary>
    public bool Keyed { get; init; }
}
