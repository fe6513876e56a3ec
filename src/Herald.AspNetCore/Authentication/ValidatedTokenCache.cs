using System.Collections.Concurrent;
using Herald.Security;

namespace Herald.AspNetCore.Authentication;

/// <summary>
/// Principals of tokens that passed full validation, until their <c>exp</c>: a backend that
/// publishes with one token pays the signature check once, not per request. Only successes are
/// kept (a token not valid yet is checked again each time), and the signing keys, issuer and
/// audience are fixed for the process's life, so a success stays one until the token expires.
/// </summary>
internal sealed class ValidatedTokenCache(int capacity, TimeProvider time)
{
    private readonly ConcurrentDictionary<TokenDigest, HeraldPrincipal> _entries = new();

    // ConcurrentDictionary.Count takes every lock; this is close enough to bound the size.
    private int _count;

    public bool Enabled => capacity > 0;

    /// <summary>The principal validated for this digest; the caller checks that it has not expired since.</summary>
    public bool TryGet(TokenDigest digest, out HeraldPrincipal principal) => _entries.TryGetValue(digest, out principal!);

    public void Add(TokenDigest digest, HeraldPrincipal principal)
    {
        if (principal.ExpiresAt is null)
        {
            return;
        }

        if (Volatile.Read(ref _count) >= capacity)
        {
            Evict();
        }

        if (_entries.TryAdd(digest, principal))
        {
            Interlocked.Increment(ref _count);
        }
    }

    /// <summary>Expired entries first; when every entry is still live, all of them (each costs one validation to come back).</summary>
    private void Evict()
    {
        var now = time.GetUtcNow();
        foreach (var (digest, principal) in _entries)
        {
            if (principal.ExpiresAt <= now)
            {
                Remove(digest);
            }
        }

        if (Volatile.Read(ref _count) >= capacity)
        {
            _entries.Clear();
            Volatile.Write(ref _count, 0);
        }
    }

    public void Remove(TokenDigest digest)
    {
        if (_entries.TryRemove(digest, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }
}
