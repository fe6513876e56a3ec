namespace Herald.Client.Tests.Support;

/// <summary>Clients with a backoff in milliseconds, so reconnect tests take milliseconds.</summary>
public static class FastClients
{
    public static BackoffOptions Backoff() => new()
    {
        InitialDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromMilliseconds(200),
        ResetAfter = TimeSpan.FromSeconds(5),
    };

    public static HeraldClient Create(Uri url, CredentialProvider credentials, Action<HeraldClientOptions>? configure = null)
    {
        var options = new HeraldClientOptions { Url = url, Credentials = credentials, Backoff = Backoff(), ConnectTimeout = TimeSpan.FromSeconds(2) };
        configure?.Invoke(options);
        return new HeraldClient(options);
    }

    public static HeraldClient Create(Uri url, string token, Action<HeraldClientOptions>? configure = null) =>
        Create(url, CredentialProviders.Static(HeraldCredential.Token(token)), configure);
}
