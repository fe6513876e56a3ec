using System.Net;
using Herald.Api.Tests.Support;

namespace Herald.Api.Tests.Http;

/// <summary>POST /api/publish refused for who is asking: 401 and 403 problems.</summary>
public sealed class PublishAuthorizationTests
{
    [Fact]
    public async Task Without_a_credential_the_answer_is_401_missing_credentials()
    {
        await using var server = await HeraldTestServer.StartAsync();

        var response = await server.PostAsync("/api/publish", null, new { channel = "public:a", @event = "e" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "MISSING_CREDENTIALS");
    }

    [Fact]
    public async Task A_token_signed_with_another_secret_is_401_invalid_credentials()
    {
        await using var server = await HeraldTestServer.StartAsync();

        var response = await server.PostAsync("/api/publish", Jwt.ForeignSecret("backend", "publish"), new { channel = "public:a", @event = "e" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
    }

    [Fact]
    public async Task An_expired_token_is_401_token_expired()
    {
        await using var server = await HeraldTestServer.StartAsync();

        var response = await server.PostAsync("/api/publish", Jwt.Expired("backend", "publish"), new { channel = "public:a", @event = "e" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "TOKEN_EXPIRED");
    }

    [Fact]
    public async Task A_token_that_was_valid_is_refused_once_it_expires()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var token = server.TokenFor("backend", TimeSpan.FromSeconds(3), "publish");
        (await server.PostAsync("/api/publish", token, new { channel = "public:a", @event = "e" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var refused = await Eventually.UntilAsync(
            () => server.PostAsync("/api/publish", token, new { channel = "public:a", @event = "e" }),
            r => r.StatusCode != HttpStatusCode.OK,
            "the token to expire");

        await refused.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "TOKEN_EXPIRED");
    }

    [Fact]
    public async Task Without_the_publish_attribute_the_answer_is_403_access_denied()
    {
        await using var server = await HeraldTestServer.StartAsync();

        var response = await server.PostAsync("/api/publish", server.Token("reader", "admin:other"), new { channel = "public:a", @event = "e" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "ACCESS_DENIED");
    }

    [Fact]
    public async Task A_namespace_with_its_own_publish_attributes_needs_those_not_publish()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("root", "admin"));
        await client.SubscribeAsync("admin:ops");

        var refused = await server.PostAsync("/api/publish", server.Token("backend", "publish"), new { channel = "admin:ops", @event = "e", data = 1 });
        var accepted = await server.PostAsync("/api/publish", server.Token("root", "admin"), new { channel = "admin:ops", @event = "e", data = 2 });

        await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "ACCESS_DENIED");
        var result = await accepted.ShouldBeOkJsonAsync();
        result.Long("offset").ShouldBe(1, "the refused publish must not have taken an offset");
        (await client.NextOfTypeAsync("event")).GetProperty("data").GetInt32().ShouldBe(2);
    }
}
