using System.Net;
using System.Text.Json;
using Herald.Api.Tests.Filtering;
using Herald.Api.Tests.Support;
using Herald.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Api.Tests.Http;

/// <summary>GET /api/channels/{channel}/history refused: who may not subscribe may not read, and bad queries are 400 problems.</summary>
public sealed class HistoryAccessTests
{
    [Fact]
    public async Task Without_a_credential_the_answer_is_401_missing_credentials()
    {
        await using var server = await HeraldTestServer.StartAsync();

        var response = await server.GetHistoryAsync(null, "public:a");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "MISSING_CREDENTIALS");
    }

    [Fact]
    public async Task An_api_key_reads_filtered_by_its_own_attributes()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var body = new { name = "reader", owner = "reader", attributes = new[] { StorageUsers.AipsRead } };
        var answer = await server.PostAsync("/api/keys", server.Token("root", "admin"), body);
        answer.StatusCode.ShouldBe(HttpStatusCode.Created);
        var created = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        await server.PublishAsync("storage:keyed", "aip.created");
        await server.PublishAsync("storage:keyed", "aip.updated");

        var response = await server.GetHistoryAsync(null, "storage:keyed", "api_key=" + Uri.EscapeDataString(created.Str("key")));

        (await response.ShouldBeOkJsonAsync()).EventNames().ShouldBe(["aip.updated"]);
    }

    [Theory]
    [InlineData("admin:ops", "alice")]
    [InlineData("user:bob", "alice")]
    public async Task Who_may_not_subscribe_gets_403_access_denied_and_no_events(string channel, string subject)
    {
        await using var server = await HeraldTestServer.StartAsync();
        await server.PublishAsync(channel, "secret");

        var response = await server.GetHistoryAsync(server.Token(subject), channel);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "ACCESS_DENIED");
        problem.GetRawText().ShouldNotContain("secret");
    }

    [Fact]
    public async Task Who_may_subscribe_by_the_namespace_rules_reads()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await server.PublishAsync("user:bob", "mine");
        await server.PublishAsync("admin:ops", "ops");

        (await server.HistoryPageAsync(server.Token("bob"), "user:bob")).EventNames().ShouldBe(["mine"]);
        (await server.HistoryPageAsync(server.Token("root", "admin"), "admin:ops")).EventNames().ShouldBe(["ops"]);
    }

    [Fact]
    public async Task An_application_authorizer_that_refuses_the_subscribe_refuses_the_history()
    {
        await using var server = await HeraldTestServer.StartAsync(null, services => services.AddSingleton<IChannelAuthorizer>(new OwnJobsOnly()));
        await server.PublishAsync("public:job-bob", "done");

        var refused = await server.GetHistoryAsync(server.Token("alice"), "public:job-bob");
        var allowed = await server.HistoryPageAsync(server.Token("bob"), "public:job-bob");

        await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "ACCESS_DENIED");
        allowed.EventNames().ShouldBe(["done"]);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("limit=ten")]
    [InlineData("limit=-5")]
    [InlineData("since=-1")]
    [InlineData("since=one")]
    [InlineData("since=1.5")]
    [InlineData("epoch=abc")]
    [InlineData("since=1&epoch=")]
    public async Task A_bad_query_is_400_bad_request(string query)
    {
        await using var server = await HeraldTestServer.StartAsync();

        var response = await server.GetHistoryAsync(server.Token("alice"), "public:a", query);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "BAD_REQUEST");
    }

    [Fact]
    public async Task Limit_up_to_1000_is_accepted_and_the_default_page_is_100()
    {
        await using var server = await HeraldTestServer.StartAsync();
        for (var i = 0; i < 101; i++)
        {
            await server.PublishAsync("public:many", "e", new { i });
        }

        var token = server.Token("alice");
        var byDefault = await server.HistoryPageAsync(token, "public:many");
        var largest = await server.HistoryPageAsync(token, "public:many", "limit=1000");

        byDefault.Events().Count.ShouldBe(100);
        byDefault.GetProperty("has_more").GetBoolean().ShouldBeTrue();
        byDefault.GetProperty("next").Long("offset").ShouldBe(100);
        largest.Events().Count.ShouldBe(101);
        largest.GetProperty("has_more").GetBoolean().ShouldBeFalse();
    }

    [Theory]
    [InlineData("bad channel")]
    [InlineData("nowhere:a")]
    public async Task An_invalid_channel_or_unknown_namespace_is_400_invalid_channel(string channel)
    {
        await using var server = await HeraldTestServer.StartAsync();

        var response = await server.GetHistoryAsync(server.Token("alice"), channel);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "INVALID_CHANNEL");
    }

    [Fact]
    public async Task A_channel_name_over_128_characters_is_400_invalid_channel()
    {
        await using var server = await HeraldTestServer.StartAsync();

        var response = await server.GetHistoryAsync(server.Token("alice"), "public:" + new string('a', 122));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "INVALID_CHANNEL");
    }

    [Fact]
    public async Task The_openapi_document_declares_the_route_with_its_answers()
    {
        await using var server = await HeraldTestServer.StartAsync();

        var response = await server.GetAsync("/openapi/v1.json", null);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var get = document.RootElement.GetProperty("paths").GetProperty("/api/channels/{channel}/history").GetProperty("get");
        get.Str("summary").ShouldNotBeNullOrWhiteSpace();
        get.GetProperty("parameters").EnumerateArray().Select(p => p.Str("name")).ShouldBe(["channel", "since", "epoch", "limit"], ignoreOrder: true);
        var responses = get.GetProperty("responses");
        responses.GetProperty("200").GetProperty("content").Has("application/json").ShouldBeTrue();
        foreach (var status in new[] { "400", "401", "403", "503" })
        {
            responses.GetProperty(status).GetProperty("content").Has("application/problem+json").ShouldBeTrue(status);
        }

        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        Required(schemas, "HistoryResponse").ShouldBe(["channel", "epoch", "events", "next", "has_more"], ignoreOrder: true);
        Required(schemas, "HistoryEvent").ShouldBe(["type", "channel", "offset", "event", "data", "ts"], ignoreOrder: true);
    }

    private static List<string> Required(JsonElement schemas, string name) =>
        [.. schemas.GetProperty(name).GetProperty("required").EnumerateArray().Select(r => r.GetString()!)];

    /// <summary>As an application would: <c>public:job-{owner}</c> belongs to its owner.</summary>
    private sealed class OwnJobsOnly : IChannelAuthorizer
    {
        public ValueTask<bool> CanSubscribeAsync(HeraldPrincipal principal, string channel, CancellationToken cancellationToken) =>
            ValueTask.FromResult(!channel.StartsWith("public:job-", StringComparison.Ordinal) || channel == "public:job-" + principal.Subject);
    }
}
