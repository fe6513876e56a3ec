using Herald.Api.Tests.Support;

namespace Herald.Api.Tests.Filtering;

/// <summary>Events replayed after <c>since</c> are filtered per recipient exactly like live ones.</summary>
public sealed class ReplayFilterTests
{
    public static TheoryData<string> Users => [.. StorageUsers.Matrix.Keys];

    [Theory]
    [MemberData(nameof(Users))]
    public async Task A_replay_holds_only_the_events_the_user_may_see(string user)
    {
        await using var server = await HeraldTestServer.StartAsync();
        var first = await server.PublishAsync("storage:replay", "marker");
        foreach (var name in StorageUsers.AllEvents)
        {
            await server.PublishAsync("storage:replay", name);
        }

        await server.PublishAsync("storage:replay", "marker");
        var (attributes, sees) = StorageUsers.Matrix[user];
        await using var client = await server.ConnectWelcomedAsync(server.Token(user, attributes));

        var subscribed = await client.SubscribeAsync("storage:replay", since: new { epoch = first.Epoch, offset = first.Offset });

        subscribed.GetProperty("recovered").GetBoolean().ShouldBeTrue();
        (await client.EventsUntilAsync("marker")).ShouldBe(sees, ignoreOrder: false, customMessage: $"{user}'s replay");
    }

    [Fact]
    public async Task A_replay_follows_the_events_filter()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var first = await server.PublishAsync("storage:replay", "start");
        foreach (var name in StorageUsers.AllEvents)
        {
            await server.PublishAsync("storage:replay", name);
        }

        await server.PublishAsync("storage:replay", "marker");
        await using var client = await server.ConnectWelcomedAsync(server.Token("all", StorageUsers.Matrix["everything"].Attributes));

        await client.SubscribeAsync("storage:replay", events: ["task.*", "marker"], since: new { epoch = first.Epoch, offset = first.Offset });

        (await client.EventsUntilAsync("marker")).ShouldBe(["task.created", "task.updated"]);
    }
}
