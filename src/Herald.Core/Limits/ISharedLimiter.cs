using System.Threading.RateLimiting;

namespace Herald.Limits;

/// <summary>
/// The counters behind Herald's limits (publishes per credential, connections per IP and per
/// credential) and an application's own (requests per API key). The default counts on this node
/// only, so three nodes allow three times the limit; a shared store (Redis) counts for the whole
/// cluster. Keys are the caller's: prefix them by what they limit.
/// </summary>
public interface ISharedLimiter
{
    /// <summary>
    /// Token bucket <paramref name="key"/>: holds up to <paramref name="perSecond"/> permits and
    /// regains <paramref name="perSecond"/> a second. Takes <paramref name="permits"/>, or none;
    /// a refused lease carries <see cref="MetadataName.RetryAfter"/>.
    /// </summary>
    ValueTask<RateLimitLease> TryTakeAsync(string key, int permits, int perSecond, CancellationToken cancellationToken);

    /// <summary>At most <paramref name="limit"/> leases of <paramref name="key"/> held at once; each is held until disposed.</summary>
    ValueTask<RateLimitLease> TryHoldAsync(string key, int limit, CancellationToken cancellationToken);
}
