namespace Herald.Client;

/// <summary>How to subscribe to a channel.</summary>
public sealed class SubscribeOptions
{
    /// <summary>Globs over event names (<c>TASK_*</c>); null or empty means every event.</summary>
    public IReadOnlyList<string>? Events { get; init; }

    /// <summary>
    /// Ask for the channel's latest state per key whenever history cannot be replayed: at the first
    /// subscribe, and after a reconnect that answers <c>recovered: false</c>.
    /// </summary>
    public bool Snapshot { get; init; }

    /// <summary>Resume from a position the application kept (for example across process restarts).</summary>
    public StreamPosition? Since { get; init; }
}
