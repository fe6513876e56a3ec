using System.Text.Json;
using Herald.Api.Tests.Support;

namespace Herald.Api.Tests.Http;

/// <summary>POST /api/publish: the answer, what subscribers see, idempotency and curl-style bodies.</summary>
public sealed class PublishApiTests
{
    [Fact]
    public async Task Publish_answers_its_position_and_the_subscriber_receives_the_event()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var publisher = server.Token("backend", "publish");
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));
        var subscribed = await client.SubscribeAsync("public:orders");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var response = await server.PostAsync("/api/publish", publisher, new
        {
            channel = "public:orders",
            @event = "order.created",
            key = "order:1",
            data = new { id = 1, total = 9.5, note = "l'été" },
        });

        var result = await response.ShouldBeOkJsonAsync();
        result.Str("channel").ShouldBe("public:orders");
        result.Str("epoch").ShouldBe(subscribed.Str("epoch"));
        result.Long("offset").ShouldBe(subscribed.Long("offset") + 1);

        var received = await client.NextOfTypeAsync("event");
        received.Str("channel").ShouldBe("public:orders");
        received.Long("offset").ShouldBe(result.Long("offset"));
        received.Str("event").ShouldBe("order.created");
        received.Str("key").ShouldBe("order:1");
        received.GetProperty("data").Long("id").ShouldBe(1);
        received.GetProperty("data").GetProperty("total").GetDouble().ShouldBe(9.5);
        received.GetProperty("data").Str("note").ShouldBe("l'été");
        var ts = DateTimeOffset.Parse(received.Str("ts"), System.Globalization.CultureInfo.InvariantCulture);
        ts.ShouldBeInRange(before, DateTimeOffset.UtcNow.AddSeconds(1));
        received.Str("ts").ShouldEndWith("Z");
    }

    [Fact]
    public async Task Offsets_grow_by_one_per_published_event()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var publisher = server.Token("backend", "publish");
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));
        await client.SubscribeAsync("public:counter");

        var offsets = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            var result = await (await server.PostAsync("/api/publish", publisher, new { channel = "public:counter", @event = "tick", data = i })).ShouldBeOkJsonAsync();
            offsets.Add(result.Long("offset"));
        }

        offsets.ShouldBe([offsets[0], offsets[0] + 1, offsets[0] + 2, offsets[0] + 3, offsets[0] + 4]);
        var events = await client.CollectAsync("event", 5);
        events.Select(e => e.Long("offset")).ShouldBe(offsets);
        events.Select(e => e.GetProperty("data").GetInt32()).ShouldBe([0, 1, 2, 3, 4]);
    }

    [Fact]
    public async Task A_form_labelled_body_as_curl_sends_it_is_accepted()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));
        await client.SubscribeAsync("public:curl");

        var response = await server.PostRawAsync(
            "/api/publish",
            server.Token("backend", "publish"),
            """{"channel":"public:curl","event":"hello","data":{"from":"curl"}}""",
            "application/x-www-form-urlencoded");

        var result = await response.ShouldBeOkJsonAsync();
        result.Long("offset").ShouldBe(1);
        var received = await client.NextOfTypeAsync("event");
        received.Str("event").ShouldBe("hello");
        received.GetProperty("data").Str("from").ShouldBe("curl");
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task The_body_is_read_as_JSON_under_each_accepted_label(string? contentType)
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));
        await client.SubscribeAsync("public:labels");
        var body = HttpHelpers.Bytes("""{"channel":"public:labels","event":"labelled","data":"été"}""");

        var response = await server.SendBytesAsync(HttpMethod.Post, "/api/publish", server.Token("backend", "publish"), body, contentType);

        (await response.ShouldBeOkJsonAsync()).Long("offset").ShouldBe(1);
        (await client.NextOfTypeAsync("event")).GetProperty("data").GetString().ShouldBe("été");
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_first_result_and_publishes_once()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var publisher = server.Token("backend", "publish");
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));
        await client.SubscribeAsync("public:idem");
        var message = new { channel = "public:idem", @event = "paid", data = new { amount = 5 }, idempotency_key = "payment-42" };

        var first = await (await server.PostAsync("/api/publish", publisher, message)).ShouldBeOkJsonAsync();
        var second = await (await server.PostAsync("/api/publish", publisher, message)).ShouldBeOkJsonAsync();
        var next = await (await server.PostAsync("/api/publish", publisher, new { channel = "public:idem", @event = "marker" })).ShouldBeOkJsonAsync();

        second.GetRawText().ShouldBe(first.GetRawText());
        next.Long("offset").ShouldBe(first.Long("offset") + 1, "the repeated publish must not have taken an offset");
        (await client.NextOfTypeAsync("event")).Str("event").ShouldBe("paid");
        var after = await client.NextOfTypeAsync("event");
        after.Str("event").ShouldBe("marker", "the subscriber must receive the idempotent event only once");
    }

    [Fact]
    public async Task Data_that_is_not_given_is_published_as_null()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));
        await client.SubscribeAsync("public:nodata");

        await (await server.PostAsync("/api/publish", server.Token("backend", "publish"), new { channel = "public:nodata", @event = "ping" })).ShouldBeOkJsonAsync();

        var received = await client.NextOfTypeAsync("event");
        received.GetProperty("data").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Concurrent_publishes_get_distinct_consecutive_offsets_delivered_in_order()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var publisher = server.Token("backend", "publish");
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));
        await client.SubscribeAsync("public:race");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            server.PostAsync("/api/publish", publisher, new { channel = "public:race", @event = "e", data = i })));

        var offsets = new List<long>();
        foreach (var response in responses)
        {
            offsets.Add((await response.ShouldBeOkJsonAsync()).Long("offset"));
        }

        offsets.Order().ShouldBe(Enumerable.Range(1, 20).Select(i => (long)i));
        var events = await client.CollectAsync("event", 20);
        events.Select(e => e.Long("offset")).ShouldBe(Enumerable.Range(1, 20).Select(i => (long)i));
    }

    [Fact]
    public async Task Concurrent_publishes_with_one_idempotency_key_publish_once()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var publisher = server.Token("backend", "publish");
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));
        await client.SubscribeAsync("public:idem");

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            server.PostAsync("/api/publish", publisher, new { channel = "public:idem", @event = "paid", idempotency_key = "once" })));

        var bodies = new HashSet<string>();
        foreach (var response in responses)
        {
            bodies.Add((await response.ShouldBeOkJsonAsync()).GetRawText());
        }

        bodies.Count.ShouldBe(1, "every caller must be told the same result");
        await server.PublishAsync("public:idem", "marker");
        (await client.EventsUntilAsync("marker")).ShouldBe(["paid"]);
    }
}
