namespace Herald.Client.Tests.Support;

/// <summary>
/// A short-lived token minted when first asked for, not when the test starts, so the first
/// connection of a cold process (JIT) cannot eat its life before the server sees it.
/// </summary>
public sealed class LazyToken(HeraldTestServer server, string subject, TimeSpan lifetime)
{
    private string? _token;

    /// <summary>When the token expires, at the latest; set once it was minted.</summary>
    public DateTimeOffset ExpiresBy { get; private set; } = DateTimeOffset.MaxValue;

    public bool Minted => _token is not null;

    public HeraldCredential Credential()
    {
        if (_token is null)
        {
            ExpiresBy = DateTimeOffset.UtcNow + lifetime;
            _token = server.TokenFor(subject, lifetime);
        }

        return HeraldCredential.Token(_token);
    }
}
