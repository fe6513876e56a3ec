namespace Herald.AspNetCore.Transport.WebSockets.Lean;

/// <summary>Kestrel's own limits for a request's head: anything beyond them is left to Kestrel to refuse.</summary>
internal readonly record struct UpgradeLimits(long MaxHeadBytes, int MaxRequestLineBytes, int MaxHeaderCount, bool CompressionEnabled);
