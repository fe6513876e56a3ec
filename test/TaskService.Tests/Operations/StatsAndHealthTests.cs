using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TaskService.Realtime;
using TaskService.Tests.Support;

namespace TaskService.Tests.Operations;

public sealed class StatsAndHealthTests
{
    [Fact]
    public async Task Stats_and_health_have_the_documented_shapes_and_count_clients_and_rooms()
    {
        await using var host = await TaskServiceHost.StartAsync();
        var alice = await host.CreateKeyAsync("alice");
        var bob = await host.CreateKeyAsync("bob");
        var job = await host.CreateJobAsync(alice);

        await using var aliceOne = await host.WatchAsync(alice, Rooms.Job(job));
        (await aliceOne.SubscribeAsync(Rooms.User("alice"))).Type().ShouldBe("subscribed");
        await using var aliceTwo = await host.WatchAsync(alice, Rooms.Job(job));
        var bobClient = await host.WatchAsync(bob, Rooms.User("bob"));

        var stats = await GetAsync(host, "/api/ws/stats");
        stats.Names().ShouldBe(["data", "status"]);
        stats.Str("status").ShouldBe("success");
        var data = stats.GetProperty("data");
        data.Names().ShouldBe(["rooms", "total_clients", "total_rooms"]);
        data.Long("total_clients").ShouldBe(3);
        data.Long("total_rooms").ShouldBe(3);
        RoomCounts(data).ShouldBe(new Dictionary<string, int> { [$"job:{job}"] = 2, ["user:alice"] = 1, ["user:bob"] = 1 });

        var health = await GetAsync(host, "/api/ws/health");
        health.Names().ShouldBe(["status", "timestamp", "websocket"]);
        health.Str("status").ShouldBe("healthy");
        DateTimeOffset.FromUnixTimeSeconds(health.Long("timestamp")).ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        var websocket = health.GetProperty("websocket");
        websocket.Names().ShouldBe(["active_connections", "active_rooms"]);
        websocket.Long("active_connections").ShouldBe(3);
        websocket.Long("active_rooms").ShouldBe(3);

        // Bob leaves: his connection and his room go.
        await bobClient.CloseAsync();
        await bobClient.DisposeAsync();
        JsonElement after = default;
        await Eventually.TrueAsync(
            async () =>
            {
                after = (await GetAsync(host, "/api/ws/stats")).GetProperty("data");
                return after.Long("total_clients") == 2;
            },
            "bob's connection to be gone from stats");
        after.Long("total_rooms").ShouldBe(2);
        RoomCounts(after).ShouldBe(new Dictionary<string, int> { [$"job:{job}"] = 2, ["user:alice"] = 1 });
        (await GetAsync(host, "/api/ws/health")).GetProperty("websocket").Long("active_connections").ShouldBe(2);
    }

    [Fact]
    public async Task An_idle_service_reports_zeros()
    {
        await using var host = await TaskServiceHost.StartAsync();

        (await host.Http.GetStringAsync("/api/ws/stats")).ShouldBe("""{"status":"success","data":{"total_clients":0,"total_rooms":0,"rooms":{}}}""");
        var health = await GetAsync(host, "/api/ws/health");
        health.GetProperty("websocket").GetRawText().ShouldBe("""{"active_connections":0,"active_rooms":0}""");
    }

    private static async Task<JsonElement> GetAsync(TaskServiceHost host, string path)
    {
        using var response = await host.Http.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Dictionary<string, int> RoomCounts(JsonElement data) =>
        data.GetProperty("rooms").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
}
