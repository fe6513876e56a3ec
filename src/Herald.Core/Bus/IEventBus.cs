using Herald.Log;

namespace Herald.Bus;

/// <summary>
/// Carries every committed event to every node. Per channel, entries come out of
/// <see cref="ReadAllAsync"/> in offset order.
/// </summary>
public interface IEventBus
{
    /// <summary>Called by the publish pipeline with each committed batch, in commit order.</summary>
    ValueTask PublishAsync(IReadOnlyList<LogEntry> committed, CancellationToken cancellationToken);

    /// <summary>This node's feed of committed events; read by exactly one consumer, the hub dispatcher.</summary>
    IAsyncEnumerable<LogEntry> ReadAllAsync(CancellationToken cancellationToken);

    ValueTask<bool> IsHealthyAsync(CancellationToken cancellationToken);
}
