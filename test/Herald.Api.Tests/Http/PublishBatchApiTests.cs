using System.Net;
using Herald.Api.Tests.Support;

namespace Herald.Api.Tests.Http;

/// <summary>POST /api/publish/batch: results in order, and all or nothing.</summary>
public sealed class PublishBatchApiTests
{
    [Fact]
    public async Task A_batch_answers_results_in_order_with_consecutive_offsets()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));
        var subscribed = await client.SubscribeAsync("public:batch");

        var response = await server.PostAsync("/api/publish/batch", server.Token("backend", "publish"), new
        {
            messages = new object[]
            {
                new { channel = "public:batch", @event = "first", data = 1 },
                new { channel = "public:other", @event = "elsewhere", data = 2 },
                new { channel = "public:batch", @event = "second", data = 3, key = "k" },
                new { channel = "public:batch", @event = "third", data = 4 },
            },
        });

        var results = (await response.ShouldBeOkJsonAsync()).GetProperty("results").EnumerateArray().ToList();
        results.Select(r => r.Str("channel")).ShouldBe(["public:batch", "public:other", "public:batch", "public:batch"]);
        results.Select(r => r.Long("offset")).ShouldBe([1, 1, 2, 3]);
        results[0].Str("epoch").ShouldBe(subscribed.Str("epoch"));
        var events = await client.CollectAsync("event", 3);
        events.Select(e => e.Str("event")).ShouldBe(["first", "second", "third"]);
        events.Select(e => e.Long("offset")).ShouldBe([1, 2, 3]);
    }

    [Theory]
    [InlineData("""{"channel":"public:batch","data":2}""", "BAD_REQUEST")]
    [InlineData("""{"channel":"public:no such","event":"e"}""", "INVALID_CHANNEL")]
    [InlineData("""{"channel":"nowhere:x","event":"e"}""", "INVALID_CHANNEL")]
    [InlineData("""{"channel":"public:batch","event":"e","data":"x","key":"k","tombstone":"no"}""", "BAD_REQUEST")]
    public async Task A_batch_with_one_invalid_message_is_refused_whole_and_the_detail_names_its_index(string invalid, string code)
    {
        await using var server = await HeraldTestServer.StartAsync();
        var publisher = server.Token("backend", "publish");
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));
        await client.SubscribeAsync("public:batch");
        var body = $$"""
            {"messages":[
              {"channel":"public:batch","event":"ok-0","data":0},
              {"channel":"public:batch","event":"ok-1","data":1},
              {{invalid}},
              {"channel":"public:batch","event":"ok-3","data":3}
            ]}
            """;

        var response = await server.PostRawAsync("/api/publish/batch", publisher, body);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, code);
        problem.Str("detail").ShouldContain("messages[2]");
        var next = await (await server.PostAsync("/api/publish", publisher, new { channel = "public:batch", @event = "after" })).ShouldBeOkJsonAsync();
        next.Long("offset").ShouldBe(1, "the refused batch must not have published anything");
        var received = await client.NextOfTypeAsync("event");
        received.Str("event").ShouldBe("after", "the subscriber must see nothing of the refused batch");
    }

    [Fact]
    public async Task A_batch_with_a_message_the_caller_may_not_publish_is_refused_whole()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var publisher = server.Token("backend", "publish");
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));
        await client.SubscribeAsync("public:batch");

        var response = await server.PostAsync("/api/publish/batch", publisher, new
        {
            messages = new object[]
            {
                new { channel = "public:batch", @event = "ok" },
                new { channel = "admin:ops", @event = "sneaky" },
            },
        });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "ACCESS_DENIED");
        problem.Str("detail").ShouldContain("messages[1]");
        (await (await server.PostAsync("/api/publish", publisher, new { channel = "public:batch", @event = "after" })).ShouldBeOkJsonAsync())
            .Long("offset").ShouldBe(1);
        (await client.NextOfTypeAsync("event")).Str("event").ShouldBe("after");
    }

    [Theory]
    [InlineData("""{"messages":{"channel":"public:a","event":"e"}}""")]
    [InlineData("""{"message":[]}""")]
    [InlineData("""[{"channel":"public:a","event":"e"}]""")]
    [InlineData("""{"messages":[{"channel":"public:a","event":"e"},]}""")]
    public async Task A_batch_body_of_the_wrong_shape_is_400_bad_request(string body)
    {
        await using var server = await HeraldTestServer.StartAsync();

        var response = await server.PostRawAsync("/api/publish/batch", server.Token("backend", "publish"), body);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "BAD_REQUEST");
    }

    [Fact]
    public async Task A_batch_needs_a_credential()
    {
        await using var server = await HeraldTestServer.StartAsync();

        var response = await server.PostAsync("/api/publish/batch", null, new { messages = new[] { new { channel = "public:a", @event = "e" } } });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "MISSING_CREDENTIALS");
    }
}
