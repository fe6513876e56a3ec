using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.AspNetCore.Authentication;

/// <summary>
/// Evaluates one of <see cref="HeraldPolicies"/> before a Herald route runs, as the authorization
/// middleware would, but as an endpoint filter: so embedding Herald needs no UseAuthorization in a
/// particular place of the application's pipeline. A refusal is the scheme's challenge or forbid answer.
/// </summary>
internal sealed class HeraldAuthorizationFilter(string policyName) : IEndpointFilter
{
    private AuthorizationPolicy? _policy;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        _policy ??= await services.GetRequiredService<IAuthorizationPolicyProvider>().GetPolicyAsync(policyName)
            ?? throw new InvalidOperationException($"The authorization policy '{policyName}' is not registered; AddHerald registers it.");

        var evaluator = services.GetRequiredService<IPolicyEvaluator>();
        var authentication = await evaluator.AuthenticateAsync(_policy, http);
        var authorization = await evaluator.AuthorizeAsync(_policy, authentication, http, http);
        if (authorization.Succeeded)
        {
            // Arguments were bound before filters ran: a ClaimsPrincipal parameter still holds the
            // application's user (its default scheme's, or anonymous); the handler must see Herald's.
            for (var i = 0; i < context.Arguments.Count; i++)
            {
                if (context.Arguments[i] is ClaimsPrincipal)
                {
                    context.Arguments[i] = http.User;
                }
            }

            return await next(context);
        }

        if (authorization.Challenged)
        {
            await http.ChallengeAsync(HeraldAuthenticationDefaults.AuthenticationScheme);
        }
        else
        {
            await http.ForbidAsync(HeraldAuthenticationDefaults.AuthenticationScheme);
        }

        return Results.Empty;
    }
}
