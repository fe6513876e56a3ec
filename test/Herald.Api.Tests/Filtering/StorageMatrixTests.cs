using Herald.Api.Tests.Support;

namespace Herald.Api.Tests.Filtering;

/// <summary>Per-recipient filtering of live events: every user gets exactly what its attributes allow, no more.</summary>
public sealed class StorageMatrixTests
{
    [Fact]
    public async Task Each_user_receives_exactly_the_events_its_attributes_allow()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var clients = new Dictionary<string, TestClient>();
        try
        {
            foreach (var (user, (attributes, _)) in StorageUsers.Matrix)
            {
                clients[user] = await server.ConnectWelcomedAsync(server.Token(user, attributes));
                await clients[user].SubscribeAsync("storage");
            }

            foreach (var name in StorageUsers.AllEvents)
            {
                await server.PublishAsync("storage", name, new { name });
            }

            // No rule covers "marker": everyone may see it, and its arrival means all before it was delivered.
            await server.PublishAsync("storage", "marker");

            foreach (var (user, (_, sees)) in StorageUsers.Matrix)
            {
                var received = await clients[user].EventsUntilAsync("marker");
                received.ShouldBe(sees, ignoreOrder: false, customMessage: $"{user} must see exactly [{string.Join(", ", sees)}]");
                StorageUsers.AllEvents.Except(sees).Intersect(received).ShouldBeEmpty($"{user} must not see these");
            }
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                await client.DisposeAsync();
            }
        }
    }

    public static TheoryData<string> Users => [.. StorageUsers.Matrix.Keys];

    [Theory]
    [MemberData(nameof(Users))]
    public async Task Alone_on_the_channel_a_user_still_receives_exactly_its_events(string user)
    {
        await using var server = await HeraldTestServer.StartAsync();
        var (attributes, sees) = StorageUsers.Matrix[user];
        await using var client = await server.ConnectWelcomedAsync(server.Token(user, attributes));
        var subscribed = await client.SubscribeAsync("storage");

        foreach (var name in StorageUsers.AllEvents)
        {
            await server.PublishAsync("storage", name);
        }

        await server.PublishAsync("storage", "marker");

        var events = new List<System.Text.Json.JsonElement>();
        while (true)
        {
            var message = await client.NextOfTypeAsync("event");
            if (message.Str("event") == "marker")
            {
                message.Long("offset").ShouldBe(subscribed.Long("offset") + StorageUsers.AllEvents.Length + 1);
                break;
            }

            events.Add(message);
        }

        events.Select(e => e.Str("event")).ShouldBe(sees);

        // Offsets are the channel's own: the ones left out leave gaps, they are not renumbered.
        var expectedOffsets = sees.Select(s => subscribed.Long("offset") + Array.IndexOf(StorageUsers.AllEvents, s) + 1);
        events.Select(e => e.Long("offset")).ShouldBe(expectedOffsets);
    }

    [Fact]
    public async Task Rules_apply_to_publishes_over_http_too()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var publisher = server.Token("backend", "publish");
        await using var reader = await server.ConnectWelcomedAsync(server.Token("reader", StorageUsers.AipsRead));
        await reader.SubscribeAsync("storage:tenant-1");

        foreach (var name in new[] { "aip.created", "aip.updated", "marker" })
        {
            await (await server.PostAsync("/api/publish", publisher, new { channel = "storage:tenant-1", @event = name })).ShouldBeOkJsonAsync();
        }

        (await reader.EventsUntilAsync("marker")).ShouldBe(["aip.updated"]);
    }
}
