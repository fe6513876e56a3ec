using Herald.Security;
using Herald.Security.ApiKeys;
using Microsoft.AspNetCore.Http;

namespace Herald.AspNetCore.Authentication;

/// <summary>API keys from <c>X-Api-Key</c> or <c>?api_key=</c>.</summary>
internal sealed class ApiKeyCredentialValidator(ApiKeyService keys) : ICredentialValidator
{
    public string? Find(HttpRequest request)
    {
        var header = request.Headers["X-Api-Key"].ToString();
        if (header.Length > 0)
        {
            return header;
        }

        var query = request.Query["api_key"].ToString();
        return query.Length > 0 ? query : null;
    }

    public ValueTask<AuthenticationOutcome> ValidateAsync(string credential, HttpContext context, CancellationToken cancellationToken) =>
        keys.AuthenticateAsync(credential, cancellationToken);
}
