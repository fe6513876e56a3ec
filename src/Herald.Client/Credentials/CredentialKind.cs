namespace Herald.Client;

/// <summary>How a credential is presented on the WebSocket upgrade.</summary>
public enum CredentialKind
{
    /// <summary>A JWT, sent as <c>Authorization: Bearer</c>; it can be refreshed on a live connection.</summary>
    Token,

    /// <summary>An API key, sent as <c>X-Api-Key</c>.</summary>
    ApiKey,
}
