namespace Herald.Client;

/// <summary>What the client tells its <see cref="CredentialProvider"/>.</summary>
/// <param name="Reason">Why a credential is needed now.</param>
/// <param name="Current">The credential of the last connection, if there was one.</param>
/// <param name="ErrorCode">The server's last error code (<c>TOKEN_EXPIRED</c>, <c>INVALID_CREDENTIALS</c>…), if any.</param>
public sealed record CredentialRequest(CredentialReason Reason, HeraldCredential? Current, string? ErrorCode);
