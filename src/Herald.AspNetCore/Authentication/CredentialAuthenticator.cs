using Herald.Protocol;
using Herald.Security;
using Microsoft.AspNetCore.Http;

namespace Herald.AspNetCore.Authentication;

/// <summary>
/// Finds the request's credential in the order of PROTOCOL.md §1 (JWT, then API key, then
/// ticket; first match wins) and authenticates it. The one credential reader: the
/// <see cref="HeraldAuthenticationHandler"/> scheme and the WebSocket upgrade both call it.
/// </summary>
internal sealed class CredentialAuthenticator(ITokenValidator tokens, IEnumerable<ICredentialValidator> others)
{
    public const string MissingMessage = "Send a JWT (Authorization: Bearer or ?token=), an API key (X-Api-Key or ?api_key=) or a ticket.";

    private readonly ICredentialValidator[] _others = [.. others];

    public async ValueTask<AuthenticationOutcome> AuthenticateAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (BearerToken(request) is { } jwt)
        {
            return await tokens.ValidateAsync(jwt, cancellationToken);
        }

        foreach (var validator in _others)
        {
            if (validator.Find(request) is { } credential)
            {
                return await validator.ValidateAsync(credential, context, cancellationToken);
            }
        }

        if (HasApiKeyOrTicket(request))
        {
            return AuthenticationOutcome.Fail(ErrorCodes.InvalidCredentials, "This server does not accept that kind of credential.");
        }

        return AuthenticationOutcome.Fail(ErrorCodes.MissingCredentials, MissingMessage);
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        var query = request.Query["token"].ToString();
        return query.Length > 0 ? query : null;
    }

    private static bool HasApiKeyOrTicket(HttpRequest request) =>
        request.Headers.ContainsKey("X-Api-Key") || request.Query.ContainsKey("api_key")
        || request.Query.ContainsKey("ticket") || request.Cookies.ContainsKey("herald_ticket");
}
