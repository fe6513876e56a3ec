using Herald.Api.Tests.Support;

namespace Herald.Api.Tests.Mounts;

/// <summary>MapHerald mounts: server-side subscriptions announced without <c>id</c>, filtered per recipient.</summary>
public sealed class MountTests
{
    [Fact]
    public async Task A_mount_subscribes_every_connection_and_announces_it_without_an_id()
    {
        await using var server = await MountedApp.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice", "storage:aips:list"), "/storage/monitor");

        var subscribed = await client.NextAsync();

        subscribed.Type().ShouldBe("subscribed", subscribed.GetRawText());
        subscribed.Str("channel").ShouldBe("storage");
        subscribed.Has("id").ShouldBeFalse();
        subscribed.Str("epoch").ShouldNotBeNullOrWhiteSpace();
        subscribed.Has("offset").ShouldBeTrue();
        await server.PublishAsync("storage", "aip.created", new { id = "a1" });
        var received = await client.NextAsync();
        received.Type().ShouldBe("event", received.GetRawText());
        received.Str("channel").ShouldBe("storage");
        received.Str("event").ShouldBe("aip.created");
        received.Long("offset").ShouldBe(subscribed.Long("offset") + 1);
    }

    [Fact]
    public async Task Server_side_subscriptions_are_filtered_per_recipient()
    {
        await using var server = await MountedApp.StartAsync();
        await using var lister = await server.ConnectWelcomedAsync(server.Token("alice", "storage:aips:list"), "/storage/monitor");
        await using var nobody = await server.ConnectWelcomedAsync(server.Token("bob"), "/storage/monitor");
        await lister.NextOfTypeAsync("subscribed");
        await nobody.NextOfTypeAsync("subscribed");

        await server.PublishAsync("storage", "aip.created");
        await server.PublishAsync("storage", "location.created");
        await server.PublishAsync("storage", "marker");

        (await lister.EventsUntilAsync("marker")).ShouldBe(["aip.created"]);
        (await nobody.EventsUntilAsync("marker")).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_mount_with_an_events_filter_applies_it()
    {
        await using var server = await MountedApp.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice", "storage:aips:list", "storage:aips:read", "storage:locations:list"), "/aips");
        await client.NextOfTypeAsync("subscribed");

        await server.PublishAsync("storage", "location.created");
        await server.PublishAsync("storage", "aip.created");
        await server.PublishAsync("storage", "marker");
        await server.PublishAsync("storage", "aip.updated");

        var received = await client.CollectAsync("event", 2);
        received.Select(e => e.Str("event")).ShouldBe(["aip.created", "aip.updated"]);
    }

    [Fact]
    public async Task A_sub_template_subscribes_the_principals_own_channel_with_its_snapshot()
    {
        await using var server = await MountedApp.StartAsync();
        await server.PublishAsync("user:alice", "profile", new { name = "Alice" }, key: "profile");
        await server.PublishAsync("user:bob", "profile", new { name = "Bob" }, key: "profile");
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"), "/me");

        var subscribed = await client.NextAsync();
        subscribed.Type().ShouldBe("subscribed", subscribed.GetRawText());
        subscribed.Str("channel").ShouldBe("user:alice");
        subscribed.Has("id").ShouldBeFalse();
        var snapshot = await client.NextAsync();
        snapshot.Type().ShouldBe("snapshot", snapshot.GetRawText());
        snapshot.Str("channel").ShouldBe("user:alice");
        var item = snapshot.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        item.Str("key").ShouldBe("profile");
        item.GetProperty("data").Str("name").ShouldBe("Alice");

        await server.PublishAsync("user:bob", "note");
        await server.PublishAsync("user:alice", "note", "mine");
        var next = await client.NextAsync();
        next.Type().ShouldBe("event", next.GetRawText());
        next.Str("channel").ShouldBe("user:alice");
    }

    [Fact]
    public async Task The_plain_mount_subscribes_nothing_by_itself()
    {
        await using var server = await MountedApp.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice", "storage:aips:list"));
        await server.PublishAsync("storage", "aip.created");

        await client.SendAsync(new { type = "ping", id = 1 });

        var next = await client.NextAsync();
        next.Type().ShouldBe("pong", next.GetRawText());
        next.GetProperty("id").GetInt32().ShouldBe(1);
        await client.SubscribeAsync("storage");
    }

    [Fact]
    public async Task A_mount_whose_channel_the_principal_may_not_join_answers_access_denied_and_4003()
    {
        await using var server = await MountedApp.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice", "publish"), "/ops");

        var messages = new List<System.Text.Json.JsonElement>();
        while (true)
        {
            try
            {
                messages.Add(await client.NextAsync());
            }
            catch (InvalidOperationException)
            {
                break;
            }
        }

        var error = messages.Where(m => m.Type() == "error").ShouldHaveSingleItem();
        error.Str("code").ShouldBe("ACCESS_DENIED");
        error.Has("id").ShouldBeFalse();
        messages.ShouldNotContain(m => m.Type() == "subscribed" && m.Str("channel") == "admin:ops");
        (await client.WaitClosedAsync()).Code.ShouldBe(4003);
    }

    [Fact]
    public async Task A_principal_allowed_on_every_channel_of_the_mount_stays_connected()
    {
        await using var server = await MountedApp.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("root", "admin"), "/ops");

        var first = await client.NextOfTypeAsync("subscribed");
        var second = await client.NextOfTypeAsync("subscribed");

        new[] { first.Str("channel"), second.Str("channel") }.ShouldBe(["public:ops", "admin:ops"]);
        await client.ShouldAnswerPingAsync();
        await server.PublishAsync("admin:ops", "alert");
        (await client.NextOfTypeAsync("event")).Str("channel").ShouldBe("admin:ops");
    }

    [Fact]
    public async Task The_http_api_works_in_the_embedding_app()
    {
        await using var server = await MountedApp.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice", "storage:aips:list"), "/storage/monitor");
        await client.NextOfTypeAsync("subscribed");

        var result = await (await server.PostAsync("/api/publish", server.Token("backend", "publish"), new { channel = "storage", @event = "aip.created" })).ShouldBeOkJsonAsync();

        (await client.NextOfTypeAsync("event")).Long("offset").ShouldBe(result.Long("offset"));
    }
}
