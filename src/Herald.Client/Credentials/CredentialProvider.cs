namespace Herald.Client;

/// <summary>
/// Supplies the credential for a connection. Called before the first connection, before every
/// reconnect, on <c>expiring</c> and after a 4001 close. Returning null, or after a 4001 the same
/// credential as before, stops the client.
/// </summary>
public delegate ValueTask<HeraldCredential?> CredentialProvider(CredentialRequest request, CancellationToken cancellationToken);
