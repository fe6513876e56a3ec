using System.Threading.RateLimiting;
using Herald.Configuration;
using Herald.Security;
using Microsoft.Extensions.Options;

namespace Herald.AspNetCore.Http;

/// <summary>Publishes per second per credential (token bucket; a batch takes one token per message).</summary>
internal sealed class PublishRateLimiter : IAsyncDisposable
{
    private readonly PartitionedRateLimiter<HeraldPrincipal> _limiter;

    public PublishRateLimiter(IOptions<HeraldOptions> options)
    {
        var defaultRate = options.Value.PublishesPerSecond;
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

    public RateLimitLease Acquire(HeraldPrincipal principal, int messages) => _limiter.AttemptAcquire(principal, messages);

    public ValueTask DisposeAsync() => _limiter.DisposeAsync();
}
