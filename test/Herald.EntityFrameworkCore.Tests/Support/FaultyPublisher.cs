using Herald.Protocol;
using Herald.Sources;

namespace Herald.EntityFrameworkCore.Tests.Support;

/// <summary>Stands between the relay and Herald to play the failures the outbox must survive.</summary>
public sealed class FaultyPublisher(IHeraldPublisher inner) : IHeraldPublisher
{
    private int _attempts;

    public enum Mode
    {
        /// <summary>Passes every call to Herald.</summary>
        Working,

        /// <summary>Herald is down: every call fails.</summary>
        Down,

        /// <summary>The relay dies before it reaches Herald: calls hang until cancelled.</summary>
        HangBefore,

        /// <summary>The relay dies after Herald committed, before it marked the rows: publishes, then hangs.</summary>
        HangAfter,
    }

    public Mode Behaviour { get; set; }

    public int Attempts => Volatile.Read(ref _attempts);

    public ValueTask<PublishResult> PublishAsync(PublishRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The relay publishes in batches.");

    public async ValueTask<IReadOnlyList<PublishResult>> PublishBatchAsync(IReadOnlyList<PublishRequest> requests, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _attempts);
        switch (Behaviour)
        {
            case Mode.Down:
                throw new PublishException(ErrorCodes.Internal, "Herald is down (test).");
            case Mode.HangBefore:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                break;
            case Mode.HangAfter:
                await inner.PublishBatchAsync(requests, cancellationToken);
                await Task.Delay(Timeout.Infinite, cancellationToken);
                break;
        }

        return await inner.PublishBatchAsync(requests, cancellationToken);
    }
}
