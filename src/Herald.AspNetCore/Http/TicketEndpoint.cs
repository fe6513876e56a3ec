using System.Security.Claims;
using System.Text.Json.Serialization;
using Herald.AspNetCore.Authentication;
using Herald.Protocol;
using Herald.Security;
using Herald.Security.Tickets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Herald.AspNetCore.Http;

/// <summary>
/// Sells a ticket for a JWT or an API key: the JSON answer for scripts, and an HttpOnly,
/// SameSite=Strict cookie scoped to the mount so a browser's next upgrade carries it.
/// </summary>
internal sealed class TicketEndpoint(string cookiePath)
{
    public IResult Handle(HttpContext context, ClaimsPrincipal user, [FromServices] TicketService tickets)
    {
        var principal = HeraldIdentity.Of(user);
        if (principal.Kind == CredentialKind.Ticket)
        {
            return Problems.FromCode(ErrorCodes.InvalidCredentials, "A ticket cannot buy a ticket; use a JWT or an API key.");
        }

        var ticket = tickets.Issue(principal);
        TicketCookie.Append(context, ticket, cookiePath, TimeSpan.FromSeconds(tickets.LifetimeSeconds));
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new TicketResponse(ticket, tickets.LifetimeSeconds));
    }
}

public sealed record TicketResponse(
    [property: JsonPropertyName("ticket")] string Ticket,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);
