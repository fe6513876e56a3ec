using System.Threading.Channels;
using Herald.Log;

namespace Herald.Bus;

/// <summary>The single-node bus: a queue from the publish pipeline to this node's hub.</summary>
internal sealed class InProcessEventBus : IEventBus
{
    // Unbounded on purpose: the publisher must never block on slow delivery; slow recipients
    // are dealt with per session (4008), and the dispatcher only does non-blocking enqueues.
    private readonly Channel<LogEntry> _feed = Channel.CreateUnbounded<LogEntry>(new UnboundedChannelOptions
    {
        SingleReader = true,
        SingleWriter = true,
        AllowSynchronousContinuations = false,
    });

    public ValueTask PublishAsync(IReadOnlyList<LogEntry> committed, CancellationToken cancellationToken)
    {
        foreach (var entry in committed)
        {
            _feed.Writer.TryWrite(entry);
        }

        return ValueTask.CompletedTask;
    }

    public IAsyncEnumerable<LogEntry> ReadAllAsync(CancellationToken cancellationToken) => _feed.Reader.ReadAllAsync(cancellationToken);

    public ValueTask<bool> IsHealthyAsync(CancellationToken cancellationToken) => ValueTask.FromResult(true);
}
