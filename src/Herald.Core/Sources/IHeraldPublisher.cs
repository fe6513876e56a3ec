namespace Herald.Sources;

/// <summary>
/// The in-process way in for events. A returned result means the event is durable in the
/// configured log and on its way to every subscriber on every node.
/// </summary>
public interface IHeraldPublisher
{
    /// <exception cref="PublishException">The request is invalid (bad channel, event name, key or data).</exception>
    ValueTask<PublishResult> PublishAsync(PublishRequest request, CancellationToken cancellationToken = default);

    /// <summary>Validates the whole batch first; publishes all in order or none.</summary>
    ValueTask<IReadOnlyList<PublishResult>> PublishBatchAsync(IReadOnlyList<PublishRequest> requests, CancellationToken cancellationToken = default);
}
