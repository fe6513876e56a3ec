using System.Net;
using System.Text.Json;
using StorageService.Tests.Support;

namespace StorageService.Tests;

/// <summary>
/// <c>/storage/monitor</c> speaks the storage service's own envelope (seeds 000/001):
/// <c>{"event":{"type":"…_event","value":{uuid, item}}}</c>, one per frame, filtered per recipient.
/// </summary>
public sealed class MonitorFormatTests : IAsyncLifetime
{
    private const string Monitor = "/storage/monitor";

    private StorageServer _server = null!;
    private string _writer = null!;

    public async Task InitializeAsync()
    {
        _server = await StorageServer.StartAsync();
        _writer = _server.Token("writer", [.. StorageService.Api.StorageAttributes.All]);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Each_event_arrives_in_the_seed_envelope_one_per_frame()
    {
        await using var all = await _server.MonitorAsync(_server.Token("all", Matrix.Locations, Matrix.AipsList, Matrix.AipsRead, Matrix.Workflows), Monitor);

        var location = await Create("/storage/locations", new { name = "Bucket A" });
        var aip = await Create("/storage/aips", new { name = "aip-1", location_uuid = location.Str("uuid") });
        await Send(HttpMethod.Patch, $"/storage/aips/{aip.Str("uuid")}", new { status = "stored" });
        var workflow = await Create($"/storage/aips/{aip.Str("uuid")}/workflows", new { type = "move" });
        await Send(HttpMethod.Patch, $"/storage/workflows/{workflow.Str("uuid")}", new { status = "in_progress" });
        var task = await Create($"/storage/workflows/{workflow.Str("uuid")}/tasks", new { name = "copy" });
        await Send(HttpMethod.Patch, $"/storage/tasks/{task.Str("uuid")}", new { status = "done" });
        await Send(HttpMethod.Patch, $"/storage/locations/{location.Str("uuid")}", new { description = "primary" });

        var types = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            var message = await NextEventAsync(all);
            message.EnumerateObject().Select(p => p.Name).ShouldBe(["event", "since"]);
            var value = message.GetProperty("event").GetProperty("value");
            value.Has("uuid").ShouldBeTrue();
            value.GetProperty("item").Str("uuid").ShouldBe(value.Str("uuid"));
            types.Add(message.GetProperty("event").Str("type"));
        }

        types.ShouldBe([
            "location_created_event", "aip_created_event", "aip_updated_event", "aip_workflow_created_event",
            "aip_workflow_updated_event", "aip_task_created_event", "aip_task_updated_event", "location_updated_event",
        ]);
        all.Frames.ShouldBe(all.Messages, "one message per frame: the seed's clients parse one JSON value per frame");
    }

    [Fact]
    public async Task A_user_gets_only_the_events_their_attributes_allow()
    {
        await using var locations = await _server.MonitorAsync(_server.Token("loc", Matrix.Locations), Monitor);
        await using var lister = await _server.MonitorAsync(_server.Token("aips", Matrix.AipsList), Monitor);

        var location = await Create("/storage/locations", new { name = "Bucket A" });
        var aip = await Create("/storage/aips", new { name = "aip-1", location_uuid = location.Str("uuid") });
        await Send(HttpMethod.Patch, $"/storage/aips/{aip.Str("uuid")}", new { status = "stored" });
        var workflow = await Create($"/storage/aips/{aip.Str("uuid")}/workflows", new { type = "move" });
        await Create($"/storage/workflows/{workflow.Str("uuid")}/tasks", new { name = "copy" });

        // The last event each user may see: per channel delivery is in order, so anything they
        // were not allowed would have arrived before it.
        await Send(HttpMethod.Patch, $"/storage/locations/{location.Str("uuid")}", new { description = "primary" });
        await Create("/storage/aips", new { name = "aip-2", location_uuid = location.Str("uuid") });

        (await TypesAsync(locations, 2)).ShouldBe(["location_created_event", "location_updated_event"]);
        (await TypesAsync(lister, 2)).ShouldBe(["aip_created_event", "aip_created_event"]);
    }

    [Fact]
    public async Task A_client_that_reconnects_with_the_since_of_its_last_message_gets_exactly_what_it_missed()
    {
        var token = _server.Token("viewer", Matrix.Locations);
        string since;
        await using (var first = await _server.MonitorAsync(token, Monitor))
        {
            await Create("/storage/locations", new { name = "seen" });
            since = (await NextEventAsync(first)).Str("since");
        }

        await Create("/storage/locations", new { name = "missed 1" });
        await Create("/storage/locations", new { name = "missed 2" });
        await Eventually.TrueAsync(_server.OutboxDrainedAsync, "the outbox drained");

        await using var again = await _server.MonitorAsync(token, Monitor, "since=" + Uri.EscapeDataString(since));
        var names = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            names.Add((await NextEventAsync(again)).GetProperty("event").GetProperty("value").GetProperty("item").Str("name"));
        }

        names.ShouldBe(["missed 1", "missed 2"]);
        await Create("/storage/locations", new { name = "live" });
        (await NextEventAsync(again)).GetProperty("event").GetProperty("value").GetProperty("item").Str("name").ShouldBe("live");
    }

    [Fact]
    public async Task Without_a_ticket_the_upgrade_is_closed_with_4001_and_no_message_the_seed_cannot_parse()
    {
        await using var client = await TestClient.ConnectAsync(new UriBuilder(_server.BaseAddress) { Scheme = "ws", Path = Monitor }.Uri);

        (await client.WaitClosedAsync()).Code.ShouldBe(4001);
        client.Messages.ShouldBe(0);
    }

    /// <summary>The next storage event, skipping the seed's keep-alive.</summary>
    private static async Task<JsonElement> NextEventAsync(TestClient client)
    {
        while (true)
        {
            var message = await client.NextAsync();
            if (message.GetProperty("event").Str("type") != "storage_ping_event")
            {
                return message;
            }
        }
    }

    private static async Task<List<string>> TypesAsync(TestClient client, int count)
    {
        var types = new List<string>();
        for (var i = 0; i < count; i++)
        {
            types.Add((await NextEventAsync(client)).GetProperty("event").Str("type"));
        }

        return types;
    }

    private Task<JsonElement> Create(string path, object body) => _server.SendAsync(HttpMethod.Post, path, _writer, body, HttpStatusCode.Created);

    private Task<JsonElement> Send(HttpMethod method, string path, object body) => _server.SendAsync(method, path, _writer, body);
}
