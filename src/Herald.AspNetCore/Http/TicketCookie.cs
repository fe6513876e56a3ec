using Herald.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Herald.AspNetCore.Http;

/// <summary>The ticket cookie, one way for the ticket office and for a stream's reconnect ticket: HttpOnly, SameSite=Strict, scoped to the mount.</summary>
internal static class TicketCookie
{
    public static void Append(HttpContext context, string ticket, string mountPath, TimeSpan lifetime) =>
        context.Response.Cookies.Append(TicketCredentialValidator.CookieName, ticket, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = mountPath,
            MaxAge = lifetime,
        });
}
