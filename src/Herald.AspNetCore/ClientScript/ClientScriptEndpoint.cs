using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// <c>GET /herald.js</c>: the browser client (clients/js), copied next to every app that references
/// Herald.AspNetCore when it was built with npm. Without it (no Node.js on the build machine) the
/// route answers 404 saying how to build it, and the rest of the app is unaffected.
/// </summary>
public static class ClientScriptEndpoint
{
    public const string DefaultPattern = "/herald.js";

    /// <summary>
    /// Where the build puts the script, relative to the output directory. The output directory, not
    /// the content root: the copy happens at build time, and an app may run with its project folder
    /// as content root (<c>dotnet run</c>).
    /// </summary>
    public static readonly string RelativePath = Path.Combine("client", "herald.js");

    /// <summary>Serves the browser client as one ES module at <paramref name="pattern"/>, revalidated by ETag.</summary>
    public static IEndpointConventionBuilder MapHeraldClientScript(this IEndpointRouteBuilder endpoints, string pattern = DefaultPattern) =>
        endpoints.MapGet(pattern, (HttpContext context) =>
        {
            var file = new FileInfo(Path.Combine(AppContext.BaseDirectory, RelativePath));
            if (!file.Exists)
            {
                return Results.Problem(
                    detail: "herald.js was not built with this app: install Node.js, run `npm ci && npm run build` in clients/js, then build the app again.",
                    statusCode: StatusCodes.Status404NotFound,
                    title: "Client script not built",
                    extensions: new Dictionary<string, object?> { ["code"] = "NOT_FOUND" });
            }

            // Revalidated on every load (an ETag round trip), so a new build is picked up at once.
            context.Response.Headers.CacheControl = "no-cache";
            var tag = new EntityTagHeaderValue($"\"{file.Length:x}-{file.LastWriteTimeUtc.Ticks:x}\"");
            return Results.File(file.FullName, "text/javascript; charset=utf-8", lastModified: file.LastWriteTimeUtc, entityTag: tag);
        })
        .WithName("ClientScript " + pattern)
        .WithSummary("The browser client, one ES module.")
        .ExcludeFromDescription();
}
