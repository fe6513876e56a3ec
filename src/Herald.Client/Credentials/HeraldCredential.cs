namespace Herald.Client;

/// <summary>A credential for one connection attempt: a JWT or an API key.</summary>
public sealed record HeraldCredential(CredentialKind Kind, string Value)
{
    public static HeraldCredential Token(string jwt) => new(CredentialKind.Token, jwt);

    public static HeraldCredential ApiKey(string key) => new(CredentialKind.ApiKey, key);

    /// <summary>Never prints the secret, so a credential in a log line or an exception is safe.</summary>
    public override string ToString() => $"{Kind} (…{Value.Length} chars)";
}
