namespace Herald.Security;

/// <summary>Who a connection or request acts for: a subject and its attributes.</summary>
public sealed class HeraldPrincipal
{
    public HeraldPrincipal(string subject, PermissionSet permissions, CredentialKind kind, DateTimeOffset? expiresAt = null, string? credentialId = null)
    {
        Subject = subject;
        Permissions = permissions;
        Kind = kind;
        ExpiresAt = expiresAt;
        CredentialId = credentialId;
    }

    // Built once: a cached token's principal serves every request it authenticates.
    private string? _limitKey;

    public string Subject { get; }

    public PermissionSet Permissions { get; }

    public CredentialKind Kind { get; }

    /// <summary>When the credential stops being valid (a JWT's <c>exp</c>); null for no expiry.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>The API key id, when the credential is a key; used to close its connections on revocation.</summary>
    public string? CredentialId { get; }

    /// <summary>This credential's own connection limit (an API key's); null uses the configured default.</summary>
    public int? MaxConnections { get; init; }

    /// <summary>This credential's own publish rate (an API key's); null uses the configured default.</summary>
    public int? PublishesPerSecond { get; init; }

    /// <summary>What limits count against: the API key, or the subject for tokens and tickets.</summary>
    public string LimitKey => _limitKey ??= CredentialId ?? "sub:" + Subject;

    public bool HasAttribute(string attribute) => Permissions.Contains(attribute);
}
