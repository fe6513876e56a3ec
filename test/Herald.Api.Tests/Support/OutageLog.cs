using Herald.Log;
using Herald.Log.Memory;
using Herald.Protocol;

namespace Herald.Api.Tests.Support;

/// <summary>The in-memory log with a switch that makes it unreachable, as a database outage would.</summary>
internal sealed class OutageLog(InMemoryEventLog inner) : IEventLog
{
    public volatile bool Down;

    public ValueTask<IReadOnlyList<AppendOutcome>> AppendAsync(IReadOnlyList<AppendRequest> batch, CancellationToken cancellationToken) =>
        Down ? throw new IOException("the store is down") : inner.AppendAsync(batch, cancellationToken);

    public ValueTask<StreamRead> ReadAsync(string channel, StreamPosition? since, bool snapshot, CancellationToken cancellationToken) =>
        inner.ReadAsync(channel, since, snapshot, cancellationToken);

    public ValueTask<bool> IsHealthyAsync(CancellationToken cancellationToken) => ValueTask.FromResult(!Down);
}
