namespace Herald.Configuration;

/// <summary>How JWTs are verified: an HS256 secret, or an RS256/ES256 public key in PEM.</summary>
public sealed class JwtOptions
{
    /// <summary>HS256 needs a key of at least 256 bits; IdentityModel refuses shorter ones for every token.</summary>
    public const int MinSecretBytes = 32;

    /// <summary>HS256 shared secret, at least 32 bytes of UTF-8. Never logged.</summary>
    public string? Secret { get; set; }

    /// <summary>RS256 or ES256 public key, PEM text.</summary>
    public string? PublicKey { get; set; }

    /// <summary>Path of a PEM file holding the public key.</summary>
    public string? PublicKeyFile { get; set; }

    public string? Issuer { get; set; }

    public string? Audience { get; set; }

    /// <summary>The most validated tokens remembered at once, so a repeated token skips signature checks; 0 turns the cache off.</summary>
    public int CacheSize { get; set; } = DefaultCacheSize;

    public const int DefaultCacheSize = 10_000;

    /// <summary>A bound on the cache that keeps it well under a hundred megabytes.</summary>
    public const int MaxCacheSize = 1_000_000;
}
