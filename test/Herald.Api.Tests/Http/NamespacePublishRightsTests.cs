using System.Net;
using System.Text.Json;
using Herald.Api.Tests.Support;

namespace Herald.Api.Tests.Http;

/// <summary>Publish rights are per namespace: a publisher for namespace A is refused on B, with the problem it always got.</summary>
public sealed class NamespacePublishRightsTests : IAsyncLifetime
{
    private HeraldTestServer _server = null!;

    public async Task InitializeAsync() => _server = await HeraldTestServer.StartAsync(new()
    {
        ["Herald:Namespaces:alpha:PublishAttributes:0"] = "publish:alpha",
        ["Herald:Namespaces:beta:PublishAttributes:0"] = "publish:beta",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_publisher_for_alpha_is_refused_on_beta_with_the_whole_problem_body()
    {
        var response = await _server.PostAsync("/api/publish", _server.Token("backend", "publish:alpha"), new { channel = "beta:x", @event = "e" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "ACCESS_DENIED");
        Fields(problem).ShouldBe(
        [
            ("code", "ACCESS_DENIED"),
            ("detail", "Publishing to 'beta:x' needs: publish:beta."),
            ("status", "403"),
            ("title", "Access denied"),
            ("type", "https://tools.ietf.org/html/rfc9110#section-15.5.4"),
        ]);
    }

    [Fact]
    public async Task The_same_publisher_publishes_to_alpha_and_the_refusal_took_no_offset()
    {
        var token = _server.Token("backend", "publish:alpha");
        (await _server.PostAsync("/api/publish", token, new { channel = "beta:x", @event = "e" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await _server.PublishAsync("beta:x", "from-the-backend");

        (await (await _server.PostAsync("/api/publish", token, new { channel = "alpha:x", @event = "e" })).ShouldBeOkJsonAsync()).Long("offset").ShouldBe(1);
        var history = await (await _server.GetAsync("/api/channels/beta:x/history", token)).ShouldBeOkJsonAsync();
        history.GetProperty("events").EnumerateArray().Select(e => e.Str("event")).ShouldBe(["from-the-backend"]);
    }

    [Fact]
    public async Task In_a_batch_the_first_message_for_beta_is_named_and_nothing_is_published()
    {
        var batch = new { messages = new[] { new { channel = "alpha:x", @event = "e" }, new { channel = "beta:x", @event = "e" } } };

        var problem = await (await _server.PostAsync("/api/publish/batch", _server.Token("backend", "publish:alpha"), batch))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "ACCESS_DENIED");

        problem.Str("detail").ShouldBe("messages[1]: Publishing to 'beta:x' needs: publish:beta.");
        var history = await (await _server.GetAsync("/api/channels/alpha:x/history", _server.Token("reader"))).ShouldBeOkJsonAsync();
        history.GetProperty("events").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task An_unknown_namespace_is_still_invalid_channel_not_access_denied()
    {
        var problem = await (await _server.PostAsync("/api/publish", _server.Token("backend", "publish:alpha"), new { channel = "gamma:x", @event = "e" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "INVALID_CHANNEL");

        problem.Str("detail").ShouldBe("Unknown namespace 'gamma'.");
    }

    private static List<(string, string)> Fields(JsonElement problem) =>
        [.. problem.EnumerateObject().Where(p => p.Name != "traceId").Select(p => (p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText())).OrderBy(p => p.Name, StringComparer.Ordinal)];
}
