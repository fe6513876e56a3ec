using Herald.Api.Tests.Support;

namespace Herald.Api.Tests.Resume;

/// <summary>
/// <c>since=&lt;epoch&gt;:&lt;offset&gt;:&lt;channel&gt;</c> on the upgrade URL: a mount's
/// server-side subscription starts with the replay, so a reconnecting client misses nothing and
/// gets nothing twice without sending a subscribe of its own.
/// </summary>
public sealed class ConnectSinceTests
{
    [Fact]
    public async Task Reconnecting_with_since_gets_exactly_the_missed_events_then_live_ones()
    {
        await using var server = await MountedApp.StartAsync();
        var token = server.Token("alice", "storage:aips:list");
        string epoch;
        long last;
        await using (var first = await server.ConnectWelcomedAsync(token, "/storage/monitor"))
        {
            epoch = (await first.NextOfTypeAsync("subscribed")).Str("epoch");
            last = await server.PublishManyAsync("storage", "aip.created", 2);
            await first.ReadThroughAsync("storage", last);
        }

        var missed = await server.PublishManyAsync("storage", "aip.created", 3);
        await using var client = await server.ConnectWelcomedAsync(token, "/storage/monitor", Since(epoch, last, "storage"));

        var subscribed = await client.NextOfTypeAsync("subscribed");
        subscribed.Has("id").ShouldBeFalse();
        subscribed.GetProperty("recovered").GetBoolean().ShouldBeTrue();
        subscribed.Long("offset").ShouldBe(missed);
        var marker = (await server.PublishAsync("storage", "marker")).Offset;
        (await client.ReadThroughAsync("storage", marker)).Offsets("storage").ShouldBe([last + 1, last + 2, last + 3, marker]);
    }

    [Fact]
    public async Task A_recovered_resume_of_a_snapshot_mount_replays_instead_of_the_snapshot()
    {
        await using var server = await MountedApp.StartAsync();
        var since = await server.PublishAsync("user:alice", "profile", new { name = "Alice" }, key: "profile");
        var missed = await server.PublishAsync("user:alice", "profile", new { name = "Alice B." }, key: "profile");
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"), "/me", Since(since.Epoch, since.Offset, "user:alice"));

        var subscribed = await client.NextOfTypeAsync("subscribed");
        var replayed = await client.NextOfTypeAsync("event");

        subscribed.GetProperty("recovered").GetBoolean().ShouldBeTrue();
        replayed.Long("offset").ShouldBe(missed.Offset);
        replayed.GetProperty("data").Str("name").ShouldBe("Alice B.");
        await client.ShouldAnswerPingAsync();
    }

    [Fact]
    public async Task A_resume_from_another_epoch_says_recovered_false_and_sends_the_snapshot()
    {
        await using var server = await MountedApp.StartAsync();
        await server.PublishAsync("user:alice", "profile", new { name = "Alice" }, key: "profile");
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"), "/me", Since("0123456789abcdef", 1, "user:alice"));

        var subscribed = await client.NextOfTypeAsync("subscribed");
        var snapshot = await client.NextOfTypeAsync("snapshot");

        subscribed.GetProperty("recovered").GetBoolean().ShouldBeFalse();
        snapshot.GetProperty("items").EnumerateArray().ShouldHaveSingleItem().GetProperty("data").Str("name").ShouldBe("Alice");
    }

    [Fact]
    public async Task Positions_for_several_channels_each_resume_their_own_subscription()
    {
        await using var server = await MountedApp.StartAsync();
        var ops = await server.PublishAsync("public:ops", "a");
        await server.PublishAsync("public:ops", "b");
        var admin = await server.PublishAsync("admin:ops", "c");
        var query = Since(ops.Epoch, ops.Offset, "public:ops") + "&" + Since(admin.Epoch, admin.Offset, "admin:ops");
        await using var client = await server.ConnectWelcomedAsync(server.Token("root", "admin"), "/ops", query);

        var messages = new[] { await client.NextAsync(), await client.NextAsync(), await client.NextAsync() };

        messages.Select(m => (m.Type(), m.Str("channel"))).ShouldBe([("subscribed", "public:ops"), ("event", "public:ops"), ("subscribed", "admin:ops")]);
        messages[1].Str("event").ShouldBe("b");
        messages[2].GetProperty("recovered").GetBoolean().ShouldBeTrue();
        await client.ShouldAnswerPingAsync();
    }

    [Fact]
    public async Task A_position_for_a_channel_the_mount_does_not_subscribe_is_ignored()
    {
        await using var server = await MountedApp.StartAsync();
        var elsewhere = await server.PublishAsync("public:feed", "tick");
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice", "storage:aips:list"), "/storage/monitor", Since(elsewhere.Epoch, 0, "public:feed"));

        var subscribed = await client.NextOfTypeAsync("subscribed");

        subscribed.Str("channel").ShouldBe("storage");
        subscribed.Has("recovered").ShouldBeFalse();
        await client.ShouldAnswerPingAsync();
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("8f3a:12")]
    [InlineData("8f3a:-1:storage")]
    [InlineData("8f3a:x:storage")]
    [InlineData(":12:storage")]
    [InlineData("8f3a:12:bad channel")]
    public async Task A_malformed_position_is_answered_with_bad_request_and_4400(string since)
    {
        await using var server = await MountedApp.StartAsync();
        await using var client = await server.ConnectAsync(server.Token("alice", "storage:aips:list"), "/storage/monitor", "since=" + Uri.EscapeDataString(since));

        var error = await client.NextOfTypeAsync("error");

        error.Str("code").ShouldBe("BAD_REQUEST");
        error.Str("message").ShouldContain("<epoch>:<offset>:<channel>");
        (await client.WaitClosedAsync()).Code.ShouldBe(4400);
    }

    [Fact]
    public async Task Two_positions_for_one_channel_are_answered_with_bad_request()
    {
        await using var server = await MountedApp.StartAsync();
        await using var client = await server.ConnectAsync(server.Token("alice", "storage:aips:list"), "/storage/monitor", "since=e:1:storage&since=e:2:storage");

        var error = await client.NextOfTypeAsync("error");

        error.Str("code").ShouldBe("BAD_REQUEST");
        (await client.WaitClosedAsync()).Code.ShouldBe(4400);
    }

    private static string Since(string epoch, long offset, string channel) =>
        "since=" + Uri.EscapeDataString($"{epoch}:{offset}:{channel}");
}
