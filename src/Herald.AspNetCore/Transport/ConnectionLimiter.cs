using System.Threading.RateLimiting;
using Herald.Configuration;
using Herald.Limits;
using Herald.Security;
using Microsoft.Extensions.Options;

namespace Herald.AspNetCore.Transport;

/// <summary>Concurrent connections per client IP and per credential, counted by the <see cref="ISharedLimiter"/>; a lease is held for the connection's life.</summary>
internal sealed class ConnectionLimiter(ISharedLimiter limiter, IOptions<HeraldOptions> options)
{
    private readonly HeraldOptions _options = options.Value;

    public ValueTask<RateLimitLease> AcquireForIpAsync(string ip, CancellationToken cancellationToken) =>
        limiter.TryHoldAsync("connections:ip:" + ip, _options.MaxConnectionsPerIp, cancellationToken);

    public ValueTask<RateLimitLease> AcquireForCredentialAsync(HeraldPrincipal principal, CancellationToken cancellationToken) =>
        limiter.TryHoldAsync("connections:credential:" + principal.LimitKey, principal.MaxConnections ?? _options.MaxConnectionsPerCredential, cancellationToken);
}
