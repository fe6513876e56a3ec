using Herald.Security;
using Herald.Security.Tickets;
using Microsoft.AspNetCore.Http;

namespace Herald.AspNetCore.Authentication;

/// <summary>Tickets from <c>?ticket=</c> or the <c>herald_ticket</c> cookie.</summary>
internal sealed class TicketCredentialValidator(TicketService tickets) : ICredentialValidator
{
    public const string CookieName = "herald_ticket";

    public string? Find(HttpRequest request)
    {
        var query = request.Query["ticket"].ToString();
        if (query.Length > 0)
        {
            return query;
        }

        return request.Cookies.TryGetValue(CookieName, out var cookie) && cookie.Length > 0 ? cookie : null;
    }

    public ValueTask<AuthenticationOutcome> ValidateAsync(string credential, HttpContext context, CancellationToken cancellationToken) =>
        tickets.RedeemAsync(credential, cancellationToken);
}
