using System.Text.Json;
using Herald.Api.Tests.Support;

namespace Herald.Api.Tests.Filtering;

/// <summary>Snapshot items are filtered per recipient like live events, by attributes and by the <c>events</c> filter.</summary>
public sealed class SnapshotFilterTests
{
    private static readonly object WrongEpoch = new { epoch = "not-the-epoch", offset = 3 };

    public static TheoryData<string> Users => [.. StorageUsers.Matrix.Keys];

    [Theory]
    [MemberData(nameof(Users))]
    public async Task Snapshot_items_are_those_the_user_may_see(string user)
    {
        await using var server = await HeraldTestServer.StartAsync();
        await PublishKeyedAsync(server);
        var (attributes, sees) = StorageUsers.Matrix[user];
        await using var client = await server.ConnectWelcomedAsync(server.Token(user, attributes));

        var subscribed = await client.SubscribeAsync("storage:snap", snapshot: true, since: WrongEpoch);
        var snapshot = await client.NextOfTypeAsync("snapshot");

        subscribed.GetProperty("recovered").GetBoolean().ShouldBeFalse();
        snapshot.Str("channel").ShouldBe("storage:snap");
        snapshot.Str("epoch").ShouldBe(subscribed.Str("epoch"));
        snapshot.Long("offset").ShouldBe(subscribed.Long("offset"));
        Items(snapshot).Select(i => i.Str("event")).ShouldBe(sees, ignoreOrder: false, customMessage: $"{user}'s snapshot");
        Items(snapshot).Select(i => i.Str("key")).ShouldBe(sees.Select(KeyOf));
    }

    [Fact]
    public async Task Snapshot_items_follow_the_events_filter_too()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await PublishKeyedAsync(server);
        await using var client = await server.ConnectWelcomedAsync(server.Token("all", StorageUsers.Matrix["everything"].Attributes));

        await client.SubscribeAsync("storage:snap", events: ["workflow.*"], snapshot: true, since: WrongEpoch);
        var snapshot = await client.NextOfTypeAsync("snapshot");

        Items(snapshot).Select(i => i.Str("event")).ShouldBe(["workflow.created", "workflow.updated"]);
    }

    [Fact]
    public async Task Snapshot_items_hold_the_latest_visible_value_per_key()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await server.PublishAsync("storage:snap", "aip.created", new { v = 1 }, key: "aip:1");
        await server.PublishAsync("storage:snap", "aip.updated", new { v = 2 }, key: "aip:1");
        await server.PublishAsync("storage:snap", "aip.created", new { v = 1 }, key: "aip:2");
        await using var lister = await server.ConnectWelcomedAsync(server.Token("lister", StorageUsers.AipsList));
        await using var reader = await server.ConnectWelcomedAsync(server.Token("reader", StorageUsers.AipsRead));

        await lister.SubscribeAsync("storage:snap", snapshot: true);
        await reader.SubscribeAsync("storage:snap", snapshot: true);
        var listerItems = Items(await lister.NextOfTypeAsync("snapshot"));
        var readerItems = Items(await reader.NextOfTypeAsync("snapshot"));

        // aip:1's latest is an aip.updated, which the lister may not see; it must not see the older value either.
        listerItems.Select(i => i.Str("key")).ShouldBe(["aip:2"]);
        readerItems.Select(i => (i.Str("key"), i.GetProperty("data").GetProperty("v").GetInt32())).ShouldBe([("aip:1", 2)]);
    }

    private static List<JsonElement> Items(JsonElement snapshot) => [.. snapshot.GetProperty("items").EnumerateArray()];

    private static string KeyOf(string eventName) => "k-" + eventName;

    private static async Task PublishKeyedAsync(HeraldTestServer server)
    {
        foreach (var name in StorageUsers.AllEvents)
        {
            await server.PublishAsync("storage:snap", name, new { name }, key: KeyOf(name));
        }

        await server.PublishAsync("storage:snap", "marker", key: "k-marker", tombstone: true);
    }
}
