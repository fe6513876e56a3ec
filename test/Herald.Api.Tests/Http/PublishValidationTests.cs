using System.Net;
using Herald.Api.Tests.Support;

namespace Herald.Api.Tests.Http;

/// <summary>POST /api/publish refused for what is sent: 400 and 413 problems.</summary>
public sealed class PublishValidationTests
{
    [Theory]
    [InlineData("public:has space")]
    [InlineData("public:slash/no")]
    [InlineData("public:ünïcode")]
    [InlineData("")]
    [InlineData("nowhere:x")]
    [InlineData("nowhere")]
    public async Task A_bad_or_unknown_channel_is_400_invalid_channel(string channel)
    {
        await using var server = await HeraldTestServer.StartAsync();

        var response = await server.PostAsync("/api/publish", server.Token("backend", "publish"), new { channel, @event = "e", data = 1 });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "INVALID_CHANNEL");
    }

    [Fact]
    public async Task A_channel_name_over_128_characters_is_400_invalid_channel()
    {
        await using var server = await HeraldTestServer.StartAsync();

        var response = await server.PostAsync("/api/publish", server.Token("backend", "publish"), new { channel = "public:" + new string('x', 122), @event = "e" });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "INVALID_CHANNEL");
    }

    [Theory]
    [InlineData("""{"channel":"public:a","event":"e",""", "truncated JSON")]
    [InlineData("""not json at all""", "not JSON")]
    [InlineData("", "an empty body")]
    [InlineData("""[{"channel":"public:a","event":"e"}]""", "an array instead of an object")]
    [InlineData("""{"channel":"public:a","data":1}""", "missing event")]
    [InlineData("""{"event":"e","data":1}""", "missing channel")]
    [InlineData("""{"channel":"public:a","event":null}""", "null event")]
    [InlineData("""{"channel":42,"event":"e"}""", "channel is a number")]
    [InlineData("""{"channel":"public:a","event":{"name":"e"}}""", "event is an object")]
    [InlineData("""{"channel":"public:a","event":"e","key":7}""", "key is a number")]
    [InlineData("""{"channel":"public:a","event":"e","key":"k","tombstone":"yes"}""", "tombstone is a string")]
    [InlineData("""{"channel":"public:a","event":"e","idempotency_key":1}""", "idempotency_key is a number")]
    [InlineData("""{"channel":"public:a","event":"e","data":{unquoted:1}}""", "data is not JSON")]
    [InlineData("""{"channel":"public:a","event":"e","data":'single'}""", "data is a single-quoted string")]
    [InlineData("""{"channel":"public:a","event":"e","data":NaN}""", "data is NaN")]
    [InlineData("""{"channel":"public:a","event":"bad event name"}""", "event name with spaces")]
    [InlineData("""{"channel":"public:a","event":"e","tombstone":true}""", "a tombstone without a key")]
    public async Task A_malformed_body_is_400_bad_request(string body, string why)
    {
        await using var server = await HeraldTestServer.StartAsync();

        var response = await server.PostRawAsync("/api/publish", server.Token("backend", "publish"), body);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "BAD_REQUEST");
        problem.Str("detail").ShouldNotBeNullOrWhiteSpace(why);
    }

    [Fact]
    public async Task A_field_of_the_wrong_type_is_named_in_the_detail()
    {
        await using var server = await HeraldTestServer.StartAsync();

        var response = await server.PostRawAsync("/api/publish", server.Token("backend", "publish"), """{"channel":"public:a","event":"e","key":7}""");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "BAD_REQUEST");
        problem.Str("detail").ShouldContain("key");
    }

    [Fact]
    public async Task Data_over_the_configured_limit_is_413_message_too_large_and_not_published()
    {
        await using var server = await HeraldTestServer.StartAsync(new() { ["Herald:MaxEventDataBytes"] = "100" });
        var publisher = server.Token("backend", "publish");
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));
        await client.SubscribeAsync("public:big");

        var tooLarge = await server.PostAsync("/api/publish", publisher, new { channel = "public:big", @event = "e", data = new string('x', 200) });
        var fits = await server.PostAsync("/api/publish", publisher, new { channel = "public:big", @event = "small", data = new string('x', 50) });

        await tooLarge.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "MESSAGE_TOO_LARGE");
        (await fits.ShouldBeOkJsonAsync()).Long("offset").ShouldBe(1);
        (await client.NextOfTypeAsync("event")).Str("event").ShouldBe("small");
    }

    [Fact]
    public async Task A_body_far_over_the_limit_is_413_message_too_large()
    {
        await using var server = await HeraldTestServer.StartAsync(new() { ["Herald:MaxEventDataBytes"] = "100" });

        var response = await server.PostAsync("/api/publish", server.Token("backend", "publish"), new { channel = "public:big", @event = "e", data = new string('x', 64 * 1024) });

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "MESSAGE_TOO_LARGE");
    }
}
