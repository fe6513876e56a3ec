using Herald.AspNetCore;
using Herald.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// <c>GET /herald.js</c>: the browser client (clients/js), built by Herald.AspNetCore's build and embedded
/// in its assembly, so every app referencing the project or the package serves it.
/// </summary>
public static class ClientScriptEndpoint
{
    public const string DefaultPattern = "/herald.js";

    /// <summary>Serves the browser client as one ES module at <paramref name="pattern"/>, revalidated by ETag.</summary>
    public static IEndpointConventionBuilder MapHeraldClientScript(this IEndpointRouteBuilder endpoints, string pattern = DefaultPattern) =>
        endpoints.MapGet(pattern, (HttpContext context) =>
        {
            if (ClientScriptResource.Instance is not { } script)
            {
                return Results.Problem(
                    detail: "This build of Herald.AspNetCore left the browser client out (-p:HeraldClientScript=false): build it again with Node.js 20+ installed.",
                    statusCode: StatusCodes.Status404NotFound,
                    title: "Client script not built",
                    extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.BadRequest });
            }

            // Revalidated on every load (an ETag round trip), so a new build is picked up at once.
            context.Response.Headers.CacheControl = "no-cache";
            return Results.Bytes(script.Content, "text/javascript; charset=utf-8", entityTag: script.EntityTag);
        })
        .WithName("ClientScript " + pattern)
        .WithSummary("The browser client, one ES module.")
        .ExcludeFromDescription();
}
