using System.Threading.RateLimiting;
using Herald.Limits;
using Herald.Security;
using Microsoft.Extensions.Options;

namespace TaskService.ApiKeys;

/// <summary>
/// REST requests per second per API key (token bucket): the key's own <c>requests_per_second</c>,
/// or <c>TaskService:RequestsPerSecond</c>. Counted by Herald's <see cref="ISharedLimiter"/>, so
/// with <c>TaskService:Redis</c> set the rate holds across every instance of the service. WebSocket
/// limits are Herald's (connections per IP and per key, messages per second per connection).
/// </summary>
public sealed class RequestRateLimiter(ISharedLimiter limiter, IOptions<TaskServiceOptions> options)
{
    private readonly int _defaultRate = options.Value.RequestsPerSecond;

    public ValueTask<RateLimitLease> AcquireAsync(HeraldPrincipal principal, CancellationToken cancellationToken) =>
        limiter.TryTakeAsync("requests:" + principal.LimitKey, 1, principal.PublishesPerSecond ?? _defaultRate, cancellationToken);
}
