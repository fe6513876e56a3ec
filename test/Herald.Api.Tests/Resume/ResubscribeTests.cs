using Herald.Api.Tests.Support;

namespace Herald.Api.Tests.Resume;

/// <summary>
/// Subscribing again to a channel the connection already has (server-side or its own): whatever
/// the client sends, one connection gets each offset at most once and in order (PROTOCOL.md §5.1).
/// </summary>
public sealed class ResubscribeTests
{
    [Fact]
    public async Task Subscribing_a_server_side_channel_with_an_older_since_sends_no_offset_twice_nor_out_of_order()
    {
        await using var server = await MountedApp.StartAsync();
        await server.PublishManyAsync("storage", "aip.created", 10);
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice", "storage:aips:list"), "/storage/monitor");
        var announced = await client.NextOfTypeAsync("subscribed");
        var live = await server.PublishManyAsync("storage", "aip.created", 3);
        var before = await client.ReadThroughAsync("storage", live);

        await client.SendAsync(new { type = "subscribe", id = "again", channel = "storage", since = new { epoch = announced.Str("epoch"), offset = 5 } });

        // The marker is published only after the reply: published earlier, it may overtake the
        // subscribe on its way in (the publish is in-process, the subscribe crosses a socket).
        var after = await client.ReadThroughReplyAsync("again");
        var marker = (await server.PublishAsync("storage", "marker")).Offset;
        after.AddRange(await client.ReadThroughAsync("storage", marker));

        var offsets = before.Concat(after).Offsets("storage");
        offsets.ShouldBeStrictlyIncreasing();
        offsets.ShouldBe([11, 12, 13, marker]);
        var reply = after.First(m => m.Type() == "subscribed");
        // 6..10 went by before this connection subscribed and cannot come after 11..13 in order.
        reply.GetProperty("recovered").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Subscribing_again_with_a_since_the_connection_already_covers_replays_nothing_twice()
    {
        await using var server = await MountedApp.StartAsync();
        var first = await server.PublishAsync("public:feed", "tick");
        await server.PublishManyAsync("public:feed", "tick", 9);
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));
        var since = new { epoch = first.Epoch, offset = 0 };
        await client.SubscribeAsync("public:feed", id: "first", since: since);
        var before = await client.ReadThroughAsync("public:feed", 10);

        var reply = await client.SubscribeAsync("public:feed", id: "again", since: new { epoch = first.Epoch, offset = 5 });
        var marker = (await server.PublishAsync("public:feed", "marker")).Offset;
        var after = await client.ReadThroughAsync("public:feed", marker);

        reply.GetProperty("recovered").GetBoolean().ShouldBeTrue();
        reply.Long("offset").ShouldBe(10);
        before.Concat(after).Offsets("public:feed").ShouldBe([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, marker]);
    }

    [Fact]
    public async Task Subscribing_again_with_a_since_after_what_the_connection_got_replays_only_what_it_missed()
    {
        await using var server = await MountedApp.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice", "storage:aips:list"), "/storage/monitor");
        var announced = await client.NextOfTypeAsync("subscribed");
        var start = announced.Long("offset");
        await server.PublishManyAsync("storage", "aip.created", 3);
        var before = await client.ReadThroughAsync("storage", start + 3);

        var reply = await client.SubscribeAsync("storage", id: "again", since: new { epoch = announced.Str("epoch"), offset = start + 2 });
        var marker = (await server.PublishAsync("storage", "marker")).Offset;
        var after = await client.ReadThroughAsync("storage", marker);

        reply.GetProperty("recovered").GetBoolean().ShouldBeTrue();
        before.Concat(after).Offsets("storage").ShouldBe([start + 1, start + 2, start + 3, marker]);
    }

    [Fact]
    public async Task Subscribing_again_while_events_flow_loses_none_and_repeats_none()
    {
        await using var server = await MountedApp.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice", "storage:aips:list"), "/storage/monitor");
        var announced = await client.NextOfTypeAsync("subscribed");
        var epoch = announced.Str("epoch");
        var start = announced.Long("offset");

        var publishing = Task.Run(() => server.PublishManyAsync("storage", "aip.created", 300));
        object[] resubscribes =
        [
            new { type = "subscribe", id = 1, channel = "storage" },
            new { type = "subscribe", id = 2, channel = "storage", since = new { epoch, offset = start } },
            new { type = "subscribe", id = 3, channel = "storage", snapshot = false, events = new[] { "*" } },
            new { type = "subscribe", id = 4, channel = "storage", since = new { epoch, offset = start } },
            new { type = "subscribe", id = 5, channel = "storage", since = new { epoch, offset = 0 } },
        ];
        foreach (var message in resubscribes)
        {
            await client.SendAsync(message);
        }

        var last = await publishing;
        var received = await client.ReadThroughAsync("storage", last);
        while (received.Count(m => m.Type() == "subscribed") < resubscribes.Length)
        {
            received.Add(await client.NextAsync());
        }

        var marker = (await server.PublishAsync("storage", "marker")).Offset;
        received.AddRange(await client.ReadThroughAsync("storage", marker));

        received.Offsets("storage").ShouldBe(Enumerable.Range((int)start + 1, (int)(marker - start)).Select(o => (long)o));
    }

    [Fact]
    public async Task Subscribing_again_with_a_since_older_than_the_connection_and_a_snapshot_gets_the_snapshot_and_no_duplicate()
    {
        await using var server = await MountedApp.StartAsync();
        await server.PublishAsync("user:alice", "profile", new { name = "Alice" }, key: "profile");
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"), "/me");
        var announced = await client.NextOfTypeAsync("subscribed");
        await client.NextOfTypeAsync("snapshot");
        var live = (await server.PublishAsync("user:alice", "profile", new { name = "Alice B." }, key: "profile")).Offset;
        var before = await client.ReadThroughAsync("user:alice", live);

        await client.SendAsync(new { type = "subscribe", id = "again", channel = "user:alice", snapshot = true, since = new { epoch = announced.Str("epoch"), offset = 0 } });
        var reply = await client.NextOfTypeAsync("subscribed");
        var snapshot = await client.NextOfTypeAsync("snapshot");
        var marker = (await server.PublishAsync("user:alice", "marker")).Offset;
        var after = await client.ReadThroughAsync("user:alice", marker);

        reply.GetProperty("recovered").GetBoolean().ShouldBeFalse();
        snapshot.GetProperty("items").EnumerateArray().ShouldHaveSingleItem().GetProperty("data").Str("name").ShouldBe("Alice B.");
        before.Concat(after).Offsets("user:alice").ShouldBe([live, marker]);
    }
}
