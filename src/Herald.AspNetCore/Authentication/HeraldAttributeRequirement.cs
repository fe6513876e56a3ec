using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Herald.AspNetCore.Authentication;

/// <summary>The Herald credential must carry <see cref="Attribute"/>; refused with "This call needs the '…' attribute."</summary>
internal sealed class HeraldAttributeRequirement(string attribute) : AuthorizationHandler<HeraldAttributeRequirement>, IAuthorizationRequirement
{
    public string Attribute { get; } = attribute;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, HeraldAttributeRequirement requirement)
    {
        if (context.User.Identities.OfType<HeraldIdentity>().Any(i => i.Principal.HasAttribute(requirement.Attribute)))
        {
            context.Succeed(requirement);
            return Task.CompletedTask;
        }

        var detail = $"This call needs the '{requirement.Attribute}' attribute.";
        if (context.Resource is HttpContext http)
        {
            HeraldAuthenticationHandler.SetForbiddenDetail(http, detail);
        }

        context.Fail(new AuthorizationFailureReason(this, detail));
        return Task.CompletedTask;
    }
}
