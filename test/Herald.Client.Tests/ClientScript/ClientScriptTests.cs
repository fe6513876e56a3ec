using System.Net;
using System.Text.RegularExpressions;
using Herald.Client.Tests.Docs;

namespace Herald.Client.Tests.ClientScript;

/// <summary>
/// GET /herald.js on an app that only references Herald.AspNetCore: a clean build must serve the browser
/// client, so there is no "not built" branch here. The build of this checkout is the one served.
/// </summary>
public sealed class ClientScriptTests
{
    [Fact]
    public async Task Herald_js_is_the_built_browser_client_served_as_a_module()
    {
        await using var server = await HeraldTestServer.StartAsync();

        using var response = await server.Http.GetAsync("/herald.js");
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        response.Headers.CacheControl!.NoCache.ShouldBeTrue();
        // One ES module (esbuild's bundle of clients/js/src) whose export list names the public classes.
        var exports = Regex.Match(body, @"^export \{([^}]*)\};", RegexOptions.Multiline);
        exports.Success.ShouldBeTrue("the script ends with an ES module export list");
        var exported = exports.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        new[] { "HeraldClient", "KeyedState", "Subscription", "HeraldError" }.ShouldBeSubsetOf(exported);
        var built = Path.Combine(RepoPaths.Root, "clients", "js", "dist", "herald.js");
        body.ShouldBe(await File.ReadAllTextAsync(built), "the served script must be this checkout's npm build, not a stale one");
    }

    [Fact]
    public async Task Herald_js_is_revalidated_by_its_entity_tag()
    {
        await using var server = await HeraldTestServer.StartAsync();
        using var first = await server.Http.GetAsync("/herald.js");
        first.StatusCode.ShouldBe(HttpStatusCode.OK);

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, "/herald.js");
        revalidate.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await server.Http.SendAsync(revalidate);

        second.StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }
}
