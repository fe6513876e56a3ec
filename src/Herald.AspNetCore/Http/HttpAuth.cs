using Herald.AspNetCore.Authentication;
using Herald.Protocol;
using Herald.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.AspNetCore.Http;

/// <summary>Authenticates an HTTP API call with the same credentials as a connection.</summary>
internal static class HttpAuth
{
    public static async ValueTask<(HeraldPrincipal? Principal, IResult? Failure)> AuthenticateAsync(HttpContext context, string? requiredAttribute = null)
    {
        var outcome = await context.RequestServices.GetRequiredService<CredentialAuthenticator>().AuthenticateAsync(context, context.RequestAborted);
        if (!outcome.Succeeded)
        {
            return (null, Problems.FromCode(outcome.ErrorCode!, outcome.Message!));
        }

        if (requiredAttribute is not null && !outcome.Principal!.HasAttribute(requiredAttribute))
        {
            return (null, Problems.FromCode(ErrorCodes.AccessDenied, $"This call needs the '{requiredAttribute}' attribute."));
        }

        return (outcome.Principal, null);
    }
}
