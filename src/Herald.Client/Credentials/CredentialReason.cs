namespace Herald.Client;

/// <summary>Why the client asks its <see cref="CredentialProvider"/> for a credential.</summary>
public enum CredentialReason
{
    /// <summary>The first connection.</summary>
    Connect,

    /// <summary>Before every reconnect: a token may have expired while the connection was down (a laptop asleep).</summary>
    Reconnect,

    /// <summary>The server sent <c>expiring</c>: a new JWT is sent as <c>refresh</c> on the live connection.</summary>
    Expiring,

    /// <summary>The server closed with 4001. Return a different credential to go on; the same one (or null) stops the client.</summary>
    Rejected,
}
