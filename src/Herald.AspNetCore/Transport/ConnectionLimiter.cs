using System.Threading.RateLimiting;
using Herald.Configuration;
using Herald.Security;
using Microsoft.Extensions.Options;

namespace Herald.AspNetCore.Transport;

/// <summary>Concurrent connections per client IP and per credential; a lease is held for the connection's life.</summary>
internal sealed class ConnectionLimiter : IAsyncDisposable
{
    private readonly PartitionedRateLimiter<string> _perIp;
    private readonly PartitionedRateLimiter<HeraldPrincipal> _perCredential;

    public ConnectionLimiter(IOptions<HeraldOptions> options)
    {
        var o = options.Value;
        _perIp = PartitionedRateLimiter.Create<string, string>(ip =>
            RateLimitPartition.GetConcurrencyLimiter(ip, _ => new ConcurrencyLimiterOptions { PermitLimit = o.MaxConnectionsPerIp, QueueLimit = 0 }));
        _perCredential = PartitionedRateLimiter.Create<HeraldPrincipal, string>(principal =>
            RateLimitPartition.GetConcurrencyLimiter(principal.LimitKey, _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = principal.MaxConnections ?? o.MaxConnectionsPerCredential,
                QueueLimit = 0,
            }));
    }

    public RateLimitLease AcquireForIp(string ip) => _perIp.AttemptAcquire(ip);

    public RateLimitLease AcquireForCredential(HeraldPrincipal principal) => _perCredential.AttemptAcquire(principal);

    public async ValueTask DisposeAsync()
    {
        await _perIp.DisposeAsync();
        await _perCredential.DisposeAsync();
    }
}
