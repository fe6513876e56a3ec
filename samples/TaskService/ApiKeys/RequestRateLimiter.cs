using System.Threading.RateLimiting;
using Herald.Security;
using Microsoft.Extensions.Options;

namespace TaskService.ApiKeys;

/// <summary>
/// REST requests per second per API key (token bucket): the key's own <c>requests_per_second</c>,
/// or <c>TaskService:RequestsPerSecond</c>. WebSocket limits are Herald's (connections per IP and
/// per key, messages per second per connection).
/// </summary>
public sealed class RequestRateLimiter : IAsyncDisposable
{
    private readonly PartitionedRateLimiter<HeraldPrincipal> _limiter;

    public RequestRateLimiter(IOptions<TaskServiceOptions> options)
    {
        var defaultRate = options.Value.RequestsPerSecond;
        _limiter = PartitionedRateLimiter.Create<HeraldPrincipal, string>(principal =>
        {
            var rate = principal.PublishesPerSecond ?? defaultRate;
            return RateLimitPartition.GetTokenBucketLimiter(principal.LimitKey, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = rate,
                TokensPerPeriod = rate,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
    }

    public RateLimitLease Acquire(HeraldPrincipal principal) => _limiter.AttemptAcquire(principal);

    public ValueTask DisposeAsync() => _limiter.DisposeAsync();
}
