using System.Net;
using Herald.Api.Tests.Support;

namespace Herald.Api.Tests.Http;

/// <summary>GET /api/stats and GET /api/channels: admin only, and the numbers match what happened.</summary>
public sealed class StatsTests
{
    [Theory]
    [InlineData("/api/stats")]
    [InlineData("/api/channels")]
    public async Task Without_a_token_the_answer_is_401(string path)
    {
        await using var server = await HeraldTestServer.StartAsync();

        await (await server.GetAsync(path, null)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "MISSING_CREDENTIALS");
    }

    [Theory]
    [InlineData("/api/stats")]
    [InlineData("/api/channels")]
    public async Task Without_the_admin_attribute_the_answer_is_403(string path)
    {
        await using var server = await HeraldTestServer.StartAsync();

        await (await server.GetAsync(path, server.Token("bob", "publish"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "ACCESS_DENIED");
    }

    [Fact]
    public async Task Stats_count_connections_subscriptions_channels_events_and_deliveries()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var admin = server.Token("root", "admin");
        await using var alice = await server.ConnectWelcomedAsync(server.Token("alice"));
        await using var bob = await server.ConnectWelcomedAsync(server.Token("bob"));
        await alice.SubscribeAsync("public:a");
        await alice.SubscribeAsync("public:b");
        await bob.SubscribeAsync("public:a");

        // 3 events to public:a in one batch (2 recipients each), 2 to public:b (1 recipient), 1 to a channel nobody watches.
        var batch = new { messages = Enumerable.Range(0, 3).Select(i => new { channel = "public:a", @event = "e", data = i }).ToArray() };
        await (await server.PostAsync("/api/publish/batch", server.Token("backend", "publish"), batch)).ShouldBeOkJsonAsync();
        await server.PublishAsync("public:b", "e", 1);
        await server.PublishAsync("public:b", "e", 2);
        await server.PublishAsync("public:nobody", "e", 3);
        (await alice.CollectAsync("event", 5)).Count.ShouldBe(5);
        (await bob.CollectAsync("event", 3)).Count.ShouldBe(3);

        var stats = await Eventually.UntilAsync(
            async () => await (await server.GetAsync("/api/stats", admin)).ShouldBeOkJsonAsync(),
            s => s.GetProperty("node").Long("deliveries_total") >= 8,
            "the deliveries to be counted");

        var node = stats.GetProperty("node");
        node.Str("node").ShouldBe("test-node");
        node.Long("connections").ShouldBe(2);
        node.Long("subscriptions").ShouldBe(3);
        node.Long("channels").ShouldBe(2);
        node.Long("events_in_total").ShouldBe(6);
        node.Long("deliveries_total").ShouldBe(8);
        node.Long("slow_consumer_closes").ShouldBe(0);
        node.Long("uptime_seconds").ShouldBeGreaterThanOrEqualTo(0);
        var cluster = stats.GetProperty("cluster");
        cluster.Long("nodes").ShouldBe(1);
        cluster.Long("connections").ShouldBe(2);
        cluster.Long("subscriptions").ShouldBe(3);
        cluster.Long("channels").ShouldBe(2);
        stats.GetProperty("nodes").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Stats_follow_connections_and_subscriptions_going_away()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var admin = server.Token("root", "admin");
        await using var alice = await server.ConnectWelcomedAsync(server.Token("alice"));
        await alice.SubscribeAsync("public:a");
        await alice.SubscribeAsync("public:b");
        var bob = await server.ConnectWelcomedAsync(server.Token("bob"));
        await bob.SubscribeAsync("public:c");

        await alice.SendAsync(new { type = "unsubscribe", id = "u", channel = "public:b" });
        (await alice.NextOfTypeAsync("unsubscribed")).Str("channel").ShouldBe("public:b");
        await bob.CloseAsync();
        await bob.WaitClosedAsync();
        await bob.DisposeAsync();

        var node = (await Eventually.UntilAsync(
            async () => await (await server.GetAsync("/api/stats", admin)).ShouldBeOkJsonAsync(),
            s => s.GetProperty("node").Long("connections") == 1,
            "bob's connection to be gone")).GetProperty("node");
        node.Long("subscriptions").ShouldBe(1);
        node.Long("channels").ShouldBe(1);
        node.Long("connections_total").ShouldBe(2);
    }

    [Fact]
    public async Task Channels_lists_active_channels_with_their_subscriber_counts()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var alice = await server.ConnectWelcomedAsync(server.Token("alice"));
        await using var bob = await server.ConnectWelcomedAsync(server.Token("bob"));
        await alice.SubscribeAsync("public:a");
        await alice.SubscribeAsync("public:b");
        await bob.SubscribeAsync("public:a");
        await bob.SubscribeAsync("user:bob");
        await server.PublishAsync("public:unwatched", "e");

        var body = await (await server.GetAsync("/api/channels", server.Token("root", "admin"))).ShouldBeOkJsonAsync();

        var channels = body.GetProperty("channels").EnumerateArray()
            .Select(c => (c.Str("channel"), c.GetProperty("subscribers").GetInt32()))
            .ToList();
        channels.ShouldBe([("public:a", 2), ("public:b", 1), ("user:bob", 1)]);
    }

    [Fact]
    public async Task A_channel_nobody_watches_any_more_leaves_the_list()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var admin = server.Token("root", "admin");
        await using var alice = await server.ConnectWelcomedAsync(server.Token("alice"));
        await alice.SubscribeAsync("public:a");
        await alice.SubscribeAsync("public:b");

        await alice.SendAsync(new { type = "unsubscribe", id = "u", channel = "public:a" });
        await alice.NextOfTypeAsync("unsubscribed");

        var body = await (await server.GetAsync("/api/channels", admin)).ShouldBeOkJsonAsync();
        body.GetProperty("channels").EnumerateArray().Select(c => c.Str("channel")).ShouldBe(["public:b"]);
    }
}
