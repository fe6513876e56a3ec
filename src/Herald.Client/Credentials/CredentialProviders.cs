namespace Herald.Client;

/// <summary>Ready-made providers for the simple cases.</summary>
public static class CredentialProviders
{
    /// <summary>Always the same credential: fine for API keys and long-lived tokens.</summary>
    public static CredentialProvider Static(HeraldCredential credential) => (_, _) => ValueTask.FromResult<HeraldCredential?>(credential);

    /// <summary>A token fetched by <paramref name="fetch"/> each time one is needed (login service, token file, …).</summary>
    public static CredentialProvider Token(Func<CancellationToken, ValueTask<string?>> fetch) => async (_, cancellationToken) =>
        await fetch(cancellationToken) is { } token ? HeraldCredential.Token(token) : null;
}
