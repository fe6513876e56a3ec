using Herald.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Microsoft.AspNetCore.Builder;

public static class HeraldEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Puts a route behind one of <see cref="HeraldPolicies"/>: a Herald credential (JWT, API key or
    /// ticket) is read and checked before the handler runs, and a refusal is Herald's problem details.
    /// Works without UseAuthorization, as Herald's own routes do; the application's default scheme is untouched.
    /// </summary>
    public static TBuilder RequireHerald<TBuilder>(this TBuilder builder, string policy = HeraldPolicies.Authenticated)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(HeraldRouteMetadata.Instance).AddEndpointFilter(new HeraldAuthorizationFilter(policy));
}
