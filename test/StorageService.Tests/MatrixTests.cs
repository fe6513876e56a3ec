using System.Text.Json;
using Herald.Sources;
using Microsoft.Extensions.DependencyInjection;
using StorageService.Tests.Support;

namespace StorageService.Tests;

/// <summary>
/// Every REST call emits exactly its event, once, on <c>storage</c>, to exactly the users whose
/// attributes allow it: one user per attribute, one with all, one with none, all connected the
/// browser's way (ticket cookie from <c>POST /storage/monitor</c>, server-side subscription).
/// </summary>
public sealed class MatrixTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string[]> Users = new()
    {
        ["loc"] = [Matrix.Locations],
        ["aips-list"] = [Matrix.AipsList],
        ["aips-read"] = [Matrix.AipsRead],
        ["workflows"] = [Matrix.Workflows],
        ["all"] = [Matrix.Locations, Matrix.AipsList, Matrix.AipsRead, Matrix.Workflows],
        ["none"] = [],
    };

    private StorageServer _server = null!;
    private string _writer = null!;

    public async Task InitializeAsync()
    {
        _server = await StorageServer.StartAsync();
        _writer = _server.Token("writer", [.. StorageService.Api.StorageAttributes.All]);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Each_call_reaches_exactly_the_users_its_event_is_for()
    {
        var clients = new Dictionary<string, TestClient>();
        foreach (var (user, attributes) in Users)
        {
            var client = await _server.MonitorAsync(_server.Token(user, attributes));
            (await client.NextOfTypeAsync("welcome")).Str("user").ShouldBe(user);
            var subscribed = await client.NextOfTypeAsync("subscribed");
            subscribed.Str("channel").ShouldBe("storage");
            subscribed.Has("id").ShouldBeFalse();
            clients[user] = client;
        }

        var all = clients["all"];
        var expected = new List<(string Event, string Key)>();
        var seenByAll = new List<(string, string)>();

        async Task<JsonElement> Step(HttpMethod method, string path, object body, string eventName, string entity, System.Net.HttpStatusCode status)
        {
            var item = await _server.SendAsync(method, path, _writer, body, status);
            var uuid = item.Str("uuid");
            var key = $"{entity}:{uuid}";
            expected.Add((eventName, key));

            // The user who may see everything gets this call's event next: exactly one, this one.
            var e = await all.NextOfTypeAsync("event");
            (e.Str("event"), e.Str("key")).ShouldBe((eventName, key));
            seenByAll.Add((eventName, key));
            var data = e.GetProperty("data");
            data.Str("uuid").ShouldBe(uuid);
            data.GetProperty("item").GetRawText().ShouldBe(item.GetRawText());
            return item;
        }

        var created = System.Net.HttpStatusCode.Created;
        var ok = System.Net.HttpStatusCode.OK;
        var a = await Step(HttpMethod.Post, "/storage/locations", new { name = "Bucket A" }, "location.created", "location", created);
        var b = await Step(HttpMethod.Post, "/storage/locations", new { name = "Bucket B", source = "sftp" }, "location.created", "location", created);
        await Step(HttpMethod.Patch, $"/storage/locations/{a.Str("uuid")}", new { description = "primary" }, "location.updated", "location", ok);
        var aip = await Step(HttpMethod.Post, "/storage/aips", new { name = "aip-1", location_uuid = a.Str("uuid") }, "aip.created", "aip", created);
        var stored = await Step(HttpMethod.Patch, $"/storage/aips/{aip.Str("uuid")}", new { status = "stored" }, "aip.updated", "aip", ok);
        stored.Str("status").ShouldBe("stored");
        var moved = await Step(HttpMethod.Patch, $"/storage/aips/{aip.Str("uuid")}", new { location_uuid = b.Str("uuid") }, "aip.updated", "aip", ok);
        moved.Str("location_uuid").ShouldBe(b.Str("uuid"));
        var workflow = await Step(HttpMethod.Post, $"/storage/aips/{aip.Str("uuid")}/workflows", new { type = "move" }, "workflow.created", "workflow", created);
        await Step(HttpMethod.Patch, $"/storage/workflows/{workflow.Str("uuid")}", new { status = "in_progress" }, "workflow.updated", "workflow", ok);
        var task = await Step(HttpMethod.Post, $"/storage/workflows/{workflow.Str("uuid")}/tasks", new { name = "copy" }, "task.created", "task", created);
        await Step(HttpMethod.Patch, $"/storage/tasks/{task.Str("uuid")}", new { status = "done", note = "copied" }, "task.updated", "task", ok);

        // A fence every subscriber may see, published after the last outbox row: per channel,
        // delivery is in offset order, so whatever a user gets before it is all they ever get.
        await WaitDrainedAsync();
        await _server.Services.GetRequiredService<IHeraldPublisher>().PublishAsync(PublishRequest.WithoutData("storage", "fence"));

        foreach (var (user, attributes) in Users)
        {
            var received = user == "all" ? seenByAll : [];
            while (true)
            {
                var e = await clients[user].NextOfTypeAsync("event");
                if (e.Str("event") == "fence")
                {
                    break;
                }

                received.Add((e.Str("event"), e.Str("key")));
            }

            var allowed = expected.Where(x => attributes.Contains(Matrix.Needed(x.Event))).ToList();
            received.ShouldBe(allowed, $"user {user} ({string.Join(' ', attributes)})");
        }

        clients["none"].Messages.ShouldBe(3, "welcome, subscribed, fence: nothing else");
        foreach (var client in clients.Values)
        {
            await client.DisposeAsync();
        }
    }

    private Task WaitDrainedAsync() => Eventually.TrueAsync(_server.OutboxDrainedAsync, "the outbox drained");
}
