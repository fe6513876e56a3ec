using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;

namespace Herald.Tests.Subscribing;

/// <summary>Every client → server message type and its reply (PROTOCOL.md §3–§4).</summary>
public sealed class MessageTypeTests
{
    [Fact]
    public async Task Welcome_names_protocol_session_node_user_and_ping_interval()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectAsync(server.Token("alice"));

        var welcome = await client.NextOfTypeAsync("welcome");

        welcome.Long("protocol").ShouldBe(1);
        welcome.Str("session").ShouldNotBeNullOrEmpty();
        welcome.Str("node").ShouldBe("test-node");
        welcome.Str("user").ShouldBe("alice");
        welcome.Long("ping_interval").ShouldBe(25);
    }

    [Fact]
    public async Task Subscribe_then_events_then_unsubscribe()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));

        await client.SendAsync(new { type = "subscribe", id = 1, channel = "public:news" });
        var subscribed = await client.NextOfTypeAsync("subscribed");
        subscribed.Long("id").ShouldBe(1);
        subscribed.Str("channel").ShouldBe("public:news");
        subscribed.Str("epoch").ShouldNotBeNullOrEmpty();
        subscribed.Long("offset").ShouldBe(0);

        var published = await server.PublishAsync("public:news", "story.created", new { title = "hi" }, key: "story:1");
        var evt = await client.NextOfTypeAsync("event");
        evt.Str("channel").ShouldBe("public:news");
        evt.Long("offset").ShouldBe(published.Offset);
        evt.Str("event").ShouldBe("story.created");
        evt.Str("key").ShouldBe("story:1");
        evt.GetProperty("data").GetProperty("title").GetString().ShouldBe("hi");
        DateTimeOffset.Parse(evt.Str("ts")).ShouldBeGreaterThan(DateTimeOffset.UnixEpoch);
        published.Epoch.ShouldBe(subscribed.Str("epoch"));

        await client.SendAsync(new { type = "unsubscribe", id = "u", channel = "public:news" });
        var unsubscribed = await client.NextOfTypeAsync("unsubscribed");
        unsubscribed.Str("id").ShouldBe("u");
        unsubscribed.Str("channel").ShouldBe("public:news");
        unsubscribed.Has("reason").ShouldBeFalse();

        await server.PublishAsync("public:news", "story.created", new { title = "after" });
        (await client.StaysQuietAsync(TimeSpan.FromMilliseconds(300))).ShouldBeTrue();
    }

    [Fact]
    public async Task Ping_answers_pong_with_the_same_id_and_pong_answers_nothing()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));

        await client.SendTextAsync("""{"type":"pong"}""");
        await client.SendTextAsync("""{"type":"ping","id":1.50}""");

        var pong = await client.NextOfTypeAsync("pong");
        pong.GetProperty("id").GetRawText().ShouldBe("1.50");
    }

    [Fact]
    public async Task Subscribing_again_replaces_the_events_filter_without_replay()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));
        await client.SendAsync(new { type = "subscribe", id = 1, channel = "public:x", events = new[] { "a.*" } });
        await client.NextOfTypeAsync("subscribed");
        await server.PublishAsync("public:x", "a.one");
        (await client.NextOfTypeAsync("event")).Str("event").ShouldBe("a.one");

        await client.SendAsync(new { type = "subscribe", id = 2, channel = "public:x", events = new[] { "b.*" } });
        var again = await client.NextOfTypeAsync("subscribed");
        again.Long("id").ShouldBe(2);
        again.Long("offset").ShouldBe(1);

        await server.PublishAsync("public:x", "a.two");
        await server.PublishAsync("public:x", "b.one");
        var next = await client.NextOfTypeAsync("event");
        next.Str("event").ShouldBe("b.one");
        next.Long("offset").ShouldBe(3);
    }

    [Fact]
    public async Task Events_filter_globs_narrow_what_arrives()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));
        await client.SendAsync(new { type = "subscribe", channel = "public:x", events = new[] { "*.updated", "ping.*" } });
        await client.NextOfTypeAsync("subscribed");

        foreach (var name in new[] { "aip.created", "aip.updated", "ping.x", "task.created", "task.updated" })
        {
            await server.PublishAsync("public:x", name);
        }

        var events = await client.CollectAsync("event", 3);
        events.Select(e => e.Str("event")).ShouldBe(["aip.updated", "ping.x", "task.updated"]);
        events.Select(e => e.Long("offset")).ShouldBe([2L, 3L, 5L]);
    }

    [Fact]
    public async Task Unknown_fields_are_ignored()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));

        await client.SendTextAsync("""{"type":"subscribe","id":"s","channel":"public:x","future_field":{"nested":[1,2,3]}}""");

        (await client.NextOfTypeAsync("subscribed")).Str("id").ShouldBe("s");
    }

    [Fact]
    public async Task Client_close_is_answered_and_counted()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var client = await server.ConnectWelcomedAsync(server.Token("alice"));
        var counters = server.Services.GetRequiredService<Herald.Diagnostics.HeraldCounters>();
        counters.Connections.ShouldBe(1);

        await client.CloseAsync();

        await Eventually.TrueAsync(() => counters.Connections == 0, "the session to end");
        await client.DisposeAsync();
    }

    internal static JsonElement[] Only(IEnumerable<JsonElement> messages, string type) => messages.Where(m => m.Type() == type).ToArray();
}
