using Herald.Api.Tests.Support;

namespace Herald.Api.Tests.Filtering;

/// <summary>The <c>events</c> globs on subscribe narrow what a user may see; they never widen it.</summary>
public sealed class EventsFilterTests
{
    [Fact]
    public async Task A_user_with_every_attribute_gets_only_what_its_filter_matches()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("all", StorageUsers.Matrix["everything"].Attributes));
        await client.SubscribeAsync("storage", events: ["aip.*", "marker"]);

        await PublishAllAsync(server);

        (await client.EventsUntilAsync("marker")).ShouldBe(["aip.created", "aip.updated"]);
    }

    [Fact]
    public async Task A_filter_does_not_widen_what_the_attributes_allow()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var lister = await server.ConnectWelcomedAsync(server.Token("lister", StorageUsers.AipsList));
        await using var locator = await server.ConnectWelcomedAsync(server.Token("locator", StorageUsers.Locations));
        await lister.SubscribeAsync("storage", events: ["aip.*", "marker"]);
        await locator.SubscribeAsync("storage", events: ["aip.*", "marker"]);

        await PublishAllAsync(server);

        (await lister.EventsUntilAsync("marker")).ShouldBe(["aip.created"], ignoreOrder: false, customMessage: "aip.updated needs storage:aips:read");
        (await locator.EventsUntilAsync("marker")).ShouldBeEmpty("locations are allowed but filtered out, aips are matched but not allowed");
    }

    [Fact]
    public async Task Several_globs_and_exact_names_combine()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("all", StorageUsers.Matrix["everything"].Attributes));
        await client.SubscribeAsync("storage", events: ["*.updated", "task.created", "mark*"]);

        await PublishAllAsync(server);

        (await client.EventsUntilAsync("marker")).ShouldBe(["location.updated", "aip.updated", "workflow.updated", "task.created", "task.updated"]);
    }

    [Fact]
    public async Task Subscribing_again_replaces_the_filter()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("all", StorageUsers.Matrix["everything"].Attributes));
        await client.SubscribeAsync("storage", id: "1", events: ["location.*", "marker"]);
        await PublishAllAsync(server);
        (await client.EventsUntilAsync("marker")).ShouldBe(["location.created", "location.updated"]);

        var again = await client.SubscribeAsync("storage", id: "2", events: ["task.*", "marker"]);
        again.Has("recovered").ShouldBeFalse();
        await PublishAllAsync(server);

        (await client.EventsUntilAsync("marker")).ShouldBe(["task.created", "task.updated"]);
    }

    [Fact]
    public async Task A_filter_of_star_means_everything_allowed()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("wf", StorageUsers.Workflows));
        await client.SubscribeAsync("storage", events: ["*"]);

        await PublishAllAsync(server);

        (await client.EventsUntilAsync("marker")).ShouldBe(["workflow.created", "workflow.updated", "task.created", "task.updated"]);
    }

    private static async Task PublishAllAsync(HeraldTestServer server)
    {
        foreach (var name in StorageUsers.AllEvents)
        {
            await server.PublishAsync("storage", name);
        }

        await server.PublishAsync("storage", "marker");
    }
}
