using Herald.Security;
using Microsoft.AspNetCore.Http;

namespace Herald.AspNetCore.Authentication;

/// <summary>
/// A non-JWT credential kind (API keys, tickets): finds its credential in a request and checks it.
/// Validators are tried in registration order after the JWT.
/// </summary>
public interface ICredentialValidator
{
    string? Find(HttpRequest request);

    ValueTask<AuthenticationOutcome> ValidateAsync(string credential, HttpContext context, CancellationToken cancellationToken);
}
