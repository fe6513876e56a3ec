using Herald.Log;

namespace Herald.Storage.Tests.Contract;

/// <summary>
/// A store's reads with an append slipped in right after each head read: the concurrent publish
/// a non-atomic store cannot rule out, made certain so the test does not depend on timing.
/// </summary>
internal sealed class AppendAfterHead(IEventLogReader inner, Func<Task> append) : IEventLogReader
{
    public async ValueTask<StreamHead> ReadHeadAsync(string channel, CancellationToken cancellationToken)
    {
        var head = await inner.ReadHeadAsync(channel, cancellationToken);
        await append();
        return head;
    }

    public ValueTask<IReadOnlyList<LogEntry>> ReadRangeAsync(string channel, long after, long through, int limit, CancellationToken cancellationToken) =>
        inner.ReadRangeAsync(channel, after, through, limit, cancellationToken);

    public ValueTask<IReadOnlyList<LogEntry>> ReadLatestAsync(string channel, CancellationToken cancellationToken) =>
        inner.ReadLatestAsync(channel, cancellationToken);
}
