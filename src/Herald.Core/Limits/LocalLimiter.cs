using System.Threading.RateLimiting;

namespace Herald.Limits;

/// <summary>
/// The default limiter: counts on this node. A key's limit is the one it was first asked with (a
/// credential's limits do not change while it is in use). Public so that a shared limiter (Redis's)
/// can fall back to it while its store is unreachable.
/// </summary>
public sealed class LocalLimiter : ISharedLimiter, IAsyncDisposable
{
    private readonly PartitionedRateLimiter<(string Key, int Limit)> _rates = PartitionedRateLimiter.Create<(string Key, int Limit), string>(r =>
        RateLimitPartition.GetTokenBucketLimiter(r.Key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = r.Limit,
            TokensPerPeriod = r.Limit,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    private readonly PartitionedRateLimiter<(string Key, int Limit)> _holds = PartitionedRateLimiter.Create<(string Key, int Limit), string>(r =>
        RateLimitPartition.GetConcurrencyLimiter(r.Key, _ => new ConcurrencyLimiterOptions { PermitLimit = r.Limit, QueueLimit = 0 }));

    // More permits than the bucket holds can never be granted (the BCL bucket would throw).
    public ValueTask<RateLimitLease> TryTakeAsync(string key, int permits, int perSecond, CancellationToken cancellationToken) =>
        ValueTask.FromResult(permits > perSecond ? SharedLimitLease.Refused(TimeSpan.FromSeconds(1)) : _rates.AttemptAcquire((key, perSecond), permits));

    public ValueTask<RateLimitLease> TryHoldAsync(string key, int limit, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_holds.AttemptAcquire((key, limit)));

    public async ValueTask DisposeAsync()
    {
        await _rates.DisposeAsync();
        await _holds.DisposeAsync();
    }
}
