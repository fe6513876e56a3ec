using System.Net;

namespace Herald.Client.Tests.ClientScript;

/// <summary>GET /herald.js: the browser client when it was built with npm, else a 404 that says how to build it.</summary>
public sealed class ClientScriptTests
{
    [Fact]
    public async Task Herald_js_is_served_as_a_module_when_built_and_explained_when_not()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var built = File.Exists(Path.Combine(AppContext.BaseDirectory, "client", "herald.js"));

        using var response = await server.Http.GetAsync("/herald.js");
        var body = await response.Content.ReadAsStringAsync();

        if (built)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
            response.Headers.CacheControl!.NoCache.ShouldBeTrue();
            body.ShouldContain("export class HeraldClient");
            body.ShouldContain("export class KeyedState");
            using var revalidate = new HttpRequestMessage(HttpMethod.Get, "/herald.js");
            revalidate.Headers.IfNoneMatch.Add(response.Headers.ETag!);
            (await server.Http.SendAsync(revalidate)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
        }
        else
        {
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            body.ShouldContain("npm ci && npm run build");
        }
    }
}
