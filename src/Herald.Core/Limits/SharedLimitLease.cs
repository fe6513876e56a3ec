using System.Threading.RateLimiting;

namespace Herald.Limits;

/// <summary>A lease for <see cref="ISharedLimiter"/> implementations: granted (with what releases it) or refused with a wait.</summary>
public sealed class SharedLimitLease : RateLimitLease
{
    public static readonly SharedLimitLease Granted = new(true, null, null);

    private readonly TimeSpan? _retryAfter;
    private Action? _release;

    private SharedLimitLease(bool acquired, TimeSpan? retryAfter, Action? release)
    {
        IsAcquired = acquired;
        _retryAfter = retryAfter;
        _release = release;
    }

    public override bool IsAcquired { get; }

    public override IEnumerable<string> MetadataNames => _retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

    /// <summary>Granted; <paramref name="release"/> runs once, when the lease is disposed.</summary>
    public static SharedLimitLease Holding(Action release) => new(true, null, release);

    public static SharedLimitLease Refused(TimeSpan retryAfter) => new(false, retryAfter, null);

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (_retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
        {
            metadata = wait;
            return true;
        }

        metadata = null;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Interlocked.Exchange(ref _release, null)?.Invoke();
        }

        base.Dispose(disposing);
    }
}
