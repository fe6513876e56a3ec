using Herald.Client.Tests.Support;

namespace Herald.Client.Tests.Reconnect;

/// <summary>
/// A mount that subscribes every connection at connect (<c>/storage/monitor</c>): the client resumes
/// it through the upgrade URL, so a reconnect brings exactly what was missed, once, in order.
/// </summary>
public sealed class ServerSideSubscriptionTests
{
    [Fact]
    public async Task Cut_connections_on_a_server_side_subscription_lose_and_duplicate_nothing()
    {
        await using var server = await MountedApp.StartAsync();
        await using var relay = new TcpRelay(server.BaseAddress);
        await using var client = FastClients.Create(relay.WebSocketUri("/storage/monitor"), server.Token("alice", "storage:aips:list"));
        await using var subscription = await client.SubscribeAsync("storage");
        await using var reader = new UpdateReader(subscription);
        var updates = new List<ChannelUpdate>();

        for (var round = 1; round <= 3; round++)
        {
            await server.PublishAsync("storage", "aip.created", new { round, when = "live" });
            updates.Add(await reader.NextAsync());
            // Frozen, the connection swallows this event; the cut then ends it, so it was surely missed.
            relay.Freeze();
            await server.PublishAsync("storage", "aip.created", new { round, when = "missed" });
            relay.Thaw();
            relay.Cut();
            await Eventually.TrueAsync(() => client.ConnectCount == round + 1 && client.State == ConnectionState.Connected, $"reconnect {round}");
            updates.Add(await reader.NextAsync());
        }

        var marker = await server.PublishAsync("storage", "marker");
        updates.Add(await reader.NextAsync());

        updates.ShouldAllBe(u => u is HeraldEvent, string.Join(", ", updates));
        updates.Cast<HeraldEvent>().Select(e => e.Offset).ShouldBe(Enumerable.Range(1, (int)marker.Offset).Select(o => (long)o));
        subscription.DuplicatesDropped.ShouldBe(0);
    }

    [Fact]
    public async Task A_resume_past_the_history_of_a_mount_without_snapshots_still_brings_the_asked_for_snapshot()
    {
        // tiny: keeps 5 events; the /tiny mount subscribes to tiny:feed without a snapshot.
        await using var server = await MountedApp.StartAsync();
        await using var relay = new TcpRelay(server.BaseAddress);
        await using var client = FastClients.Create(relay.WebSocketUri("/tiny"), server.Token("alice"));
        await using var subscription = await client.SubscribeAsync("tiny:feed", new SubscribeOptions { Snapshot = true });
        await using var reader = new UpdateReader(subscription);
        (await reader.NextAsync<HeraldSnapshot>()).Items.ShouldBeEmpty();

        relay.Freeze();
        for (var i = 0; i < 8; i++)
        {
            await server.PublishAsync("tiny:feed", "set", new { i }, key: "k" + i);
        }

        relay.Thaw();
        relay.Cut();

        (await reader.NextAsync<HistoryGap>()).SnapshotFollows.ShouldBeTrue();
        var snapshot = await reader.NextAsync<HeraldSnapshot>();
        snapshot.Position.Offset.ShouldBe(8);
        snapshot.Items.Count.ShouldBe(3); // tiny keeps 3 keys
        var live = await server.PublishAsync("tiny:feed", "set", new { i = 8 }, key: "k8");
        (await reader.NextAsync<HeraldEvent>()).Offset.ShouldBe(live.Offset);
    }

    [Fact]
    public async Task A_subscription_given_a_since_resumes_the_mounts_channel_on_its_first_connection()
    {
        await using var server = await MountedApp.StartAsync();
        var since = await server.PublishAsync("storage", "aip.created");
        await server.PublishAsync("storage", "aip.created");
        await server.PublishAsync("storage", "aip.created");
        await using var client = FastClients.Create(server.WebSocketUri("/storage/monitor"), server.Token("alice", "storage:aips:list"));

        await using var subscription = await client.SubscribeAsync("storage", new SubscribeOptions { Since = new StreamPosition(since.Epoch, since.Offset) });
        await using var reader = new UpdateReader(subscription);

        (await reader.EventsAsync(2)).Select(e => e.Offset).ShouldBe([2, 3]);
        await server.PublishAsync("storage", "marker");
        (await reader.NextAsync<HeraldEvent>()).Offset.ShouldBe(4);
        subscription.DuplicatesDropped.ShouldBe(0);
    }
}
