using Herald.Client.Tests.Support;

namespace Herald.Client.Tests.Subscriptions;

/// <summary>The client against the real server: subscriptions as async streams.</summary>
public sealed class SubscribeTests
{
    [Fact]
    public async Task A_subscription_yields_published_events_in_order_with_their_fields()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = FastClients.Create(server.WebSocketUri(), server.Token("alice"));
        await client.ConnectAsync();
        client.Welcome!.User.ShouldBe("alice");

        await using var subscription = await client.SubscribeAsync("public:orders");
        await using var reader = new UpdateReader(subscription);
        await server.PublishAsync("public:orders", "order.created", new { id = 1, total = 9.5 }, key: "order:1");
        await server.PublishAsync("public:orders", "order.paid", new { id = 1 }, key: "order:1");
        await server.PublishAsync("public:orders", "order.deleted", key: "order:1", tombstone: true);

        var events = await reader.EventsAsync(3);

        events.Select(e => (e.Offset, e.Event)).ShouldBe([(1L, "order.created"), (2L, "order.paid"), (3L, "order.deleted")]);
        events[0].Key.ShouldBe("order:1");
        events[0].DataAs<Order>()!.Total.ShouldBe(9.5m);
        events[0].Timestamp.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-1));
        events[2].Tombstone.ShouldBeTrue();
        events.ShouldAllBe(e => e.Channel == "public:orders");
        subscription.Position!.Offset.ShouldBe(3);
    }

    [Fact]
    public async Task A_refused_subscribe_throws_with_the_server_code_and_the_client_goes_on()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = FastClients.Create(server.WebSocketUri(), server.Token("alice"));

        var refused = await Should.ThrowAsync<HeraldException>(() => client.SubscribeAsync("user:bob"));
        refused.Code.ShouldBe("ACCESS_DENIED");
        var invalid = await Should.ThrowAsync<HeraldException>(() => client.SubscribeAsync("nope:x"));
        invalid.Code.ShouldBe("INVALID_CHANNEL");

        await using var mine = await client.SubscribeAsync("user:alice");
        await using var reader = new UpdateReader(mine);
        await server.PublishAsync("user:alice", "hello");
        (await reader.NextAsync<HeraldEvent>()).Event.ShouldBe("hello");
    }

    [Fact]
    public async Task Snapshot_on_subscribe_gives_the_latest_state_per_key_then_live_events()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await server.PublishAsync("public:tasks", "status", new { s = "queued" }, key: "t1");
        await server.PublishAsync("public:tasks", "status", new { s = "running" }, key: "t1");
        await server.PublishAsync("public:tasks", "status", new { s = "queued" }, key: "t2");
        await using var client = FastClients.Create(server.WebSocketUri(), server.Token("alice"));

        await using var subscription = await client.SubscribeAsync("public:tasks", new SubscribeOptions { Snapshot = true });
        await using var reader = new UpdateReader(subscription);
        var snapshot = await reader.NextAsync<HeraldSnapshot>();
        await server.PublishAsync("public:tasks", "status", new { s = "done" }, key: "t1");

        snapshot.Items.Select(i => (i.Key, i.Data.GetProperty("s").GetString())).ShouldBe([("t1", "running"), ("t2", "queued")]);
        snapshot.Position.Offset.ShouldBe(3);
        (await reader.NextAsync<HeraldEvent>()).Offset.ShouldBe(4);
    }

    [Fact]
    public async Task The_events_filter_is_sent_and_applied()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = FastClients.Create(server.WebSocketUri(), server.Token("alice"));
        await using var subscription = await client.SubscribeAsync("public:f", new SubscribeOptions { Events = ["task.*"] });
        await using var reader = new UpdateReader(subscription);

        await server.PublishAsync("public:f", "job.started");
        await server.PublishAsync("public:f", "task.created");

        var only = await reader.NextAsync<HeraldEvent>();
        (only.Event, only.Offset).ShouldBe(("task.created", 2L));
    }

    [Fact]
    public async Task Disposing_a_subscription_ends_its_enumeration_and_the_channel_can_be_subscribed_again()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = FastClients.Create(server.WebSocketUri(), server.Token("alice"));
        var first = await client.SubscribeAsync("public:again");
        await using var firstReader = new UpdateReader(first);

        await first.DisposeAsync();

        (await firstReader.EndedAsync()).ShouldBeTrue();
        await using var second = await client.SubscribeAsync("public:again");
        await using var reader = new UpdateReader(second);
        await server.PublishAsync("public:again", "x");
        (await reader.NextAsync<HeraldEvent>()).Event.ShouldBe("x");
    }

    [Fact]
    public async Task Subscribing_twice_to_one_channel_is_refused_locally()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = FastClients.Create(server.WebSocketUri(), server.Token("alice"));
        await using var subscription = await client.SubscribeAsync("public:once");

        await Should.ThrowAsync<InvalidOperationException>(() => client.SubscribeAsync("public:once"));
    }

    [Fact]
    public async Task Disposing_the_client_ends_every_subscription_without_an_error()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var client = FastClients.Create(server.WebSocketUri(), server.Token("alice"));
        var subscription = await client.SubscribeAsync("public:end");
        await using var reader = new UpdateReader(subscription);

        await client.DisposeAsync();

        (await reader.EndedAsync()).ShouldBeTrue();
        (await client.Stopped).Disposed.ShouldBeTrue();
        client.State.ShouldBe(ConnectionState.Stopped);
    }

    private sealed record Order(int Id, decimal Total);
}
