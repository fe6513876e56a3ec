namespace Herald.Server.ClientScript;

/// <summary>
/// <c>GET /herald.js</c>: the browser client (clients/js), copied next to the server at build time
/// when it was built with npm. Without it (no Node.js on the build machine) the route answers 404
/// saying how to build it, and the rest of the server is unaffected.
/// </summary>
internal static class ClientScriptEndpoint
{
    public const string Route = "/herald.js";

    /// <summary>Where the build puts the script, relative to the content root (the output directory).</summary>
    public static readonly string RelativePath = Path.Combine("client", "herald.js");

    public static IEndpointConventionBuilder MapHeraldClientScript(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Route, (IWebHostEnvironment environment, HttpContext context) =>
        {
            var path = Path.Combine(environment.ContentRootPath, RelativePath);
            var file = new FileInfo(path);
            if (!file.Exists)
            {
                return Results.Problem(
                    detail: "herald.js was not built with this server: install Node.js, run `npm ci && npm run build` in clients/js, then build the server again.",
                    statusCode: StatusCodes.Status404NotFound,
                    title: "Client script not built",
                    extensions: new Dictionary<string, object?> { ["code"] = "NOT_FOUND" });
            }

            // Revalidated on every load (an ETag round trip), so a new build is picked up at once.
            context.Response.Headers.CacheControl = "no-cache";
            var tag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{file.Length:x}-{file.LastWriteTimeUtc.Ticks:x}\"");
            return Results.File(file.FullName, "text/javascript; charset=utf-8", lastModified: file.LastWriteTimeUtc, entityTag: tag);
        })
        .WithName("ClientScript")
        .WithSummary("The browser client, one ES module.")
        .ExcludeFromDescription();
}
