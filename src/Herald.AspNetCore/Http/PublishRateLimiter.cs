using System.Threading.RateLimiting;
using Herald.Configuration;
using Herald.Limits;
using Herald.Security;
using Microsoft.Extensions.Options;

namespace Herald.AspNetCore.Http;

/// <summary>Publishes per second per credential (token bucket; a batch takes one token per message), counted by the <see cref="ISharedLimiter"/>.</summary>
internal sealed class PublishRateLimiter(ISharedLimiter limiter, IOptions<HeraldOptions> options)
{
    private readonly int _defaultRate = options.Value.PublishesPerSecond;

    public ValueTask<RateLimitLease> AcquireAsync(HeraldPrincipal principal, int messages, CancellationToken cancellationToken) =>
        limiter.TryTakeAsync("publish:" + principal.LimitKey, messages, principal.PublishesPerSecond ?? _defaultRate, cancellationToken);
}
