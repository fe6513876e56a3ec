using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Herald.Protocol;
using Herald.Testing;

namespace Herald.Storage.Tests.Contract;

/// <summary>
/// What every multi-node store must do for credentials, run against each: tickets and API keys
/// live in the store, so single use, listing and revocation hold across nodes. A subclass gives
/// the settings of a node on a fresh, empty store.
/// </summary>
public abstract class ClusterCredentialsContract
{
    [Fact]
    public async Task A_ticket_bought_on_one_node_works_once_on_any_node()
    {
        var (a, b) = await StartTwoNodesAsync("tickets");
        await using var nodeA = a;
        await using var nodeB = b;
        var bought = await nodeA.PostAsync("/ws/ticket", nodeA.Token("alice"), new { });
        var ticket = (await bought.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticket").GetString()!;

        await using var onB = await TestClient.ConnectAsync(nodeB.WebSocketUri(query: "ticket=" + ticket));
        var welcome = await onB.NextOfTypeAsync("welcome");
        (welcome.GetProperty("user").GetString(), welcome.GetProperty("node").GetString()).ShouldBe(("alice", "node-b"));

        await using var replayOnA = await TestClient.ConnectAsync(nodeA.WebSocketUri(query: "ticket=" + ticket));
        (await replayOnA.NextOfTypeAsync("error")).GetProperty("code").GetString().ShouldBe(ErrorCodes.InvalidCredentials);
    }

    [Fact]
    public async Task A_key_created_on_one_node_is_listed_on_another_and_revoking_it_closes_its_connections_there_within_5_seconds()
    {
        var (a, b) = await StartTwoNodesAsync("revoke");
        await using var nodeA = a;
        await using var nodeB = b;
        var admin = nodeA.Token("root", "admin");
        var created = await (await nodeA.PostAsync("/api/keys", admin, new { owner = "svc", name = "svc-key", attributes = new[] { "publish" }, max_connections = 7 })).Content.ReadFromJsonAsync<JsonElement>();
        var key = created.GetProperty("key").GetString()!;

        var listed = await (await nodeB.GetAsync("/api/keys", admin)).Content.ReadFromJsonAsync<JsonElement>();
        var record = listed.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("id").GetString() == created.GetProperty("id").GetString());
        (record.GetProperty("owner").GetString(), record.GetProperty("max_connections").GetInt32(), record.GetProperty("active").GetBoolean()).ShouldBe(("svc", 7, true));

        await using var onB = await TestClient.ConnectAsync(nodeB.WebSocketUri(), o => o.SetRequestHeader("X-Api-Key", key));
        (await onB.NextOfTypeAsync("welcome")).GetProperty("user").GetString().ShouldBe("svc");

        using var revoke = new HttpRequestMessage(HttpMethod.Delete, "/api/keys/" + created.GetProperty("id").GetString());
        revoke.Headers.Authorization = new("Bearer", admin);
        (await nodeA.Http.SendAsync(revoke)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await onB.WaitClosedAsync(TimeSpan.FromSeconds(5))).Code.ShouldBe(CloseCodes.NotAuthenticated);
        await using var again = await TestClient.ConnectAsync(nodeB.WebSocketUri(), o => o.SetRequestHeader("X-Api-Key", key));
        (await again.NextOfTypeAsync("error")).GetProperty("code").GetString().ShouldBe(ErrorCodes.InvalidCredentials);
    }

    /// <summary>The configuration of node <paramref name="nodeId"/> on the store named <paramref name="store"/>, fresh for each test.</summary>
    protected abstract ValueTask<Dictionary<string, string?>> NodeSettingsAsync(string store, string nodeId);

    protected async Task<(HeraldTestServer A, HeraldTestServer B)> StartTwoNodesAsync(string store)
    {
        var a = await NodeSettingsAsync(store, "node-a");
        var b = new Dictionary<string, string?>(a) { ["Herald:NodeId"] = "node-b" };
        return (await HeraldTestServer.StartAsync(a), await HeraldTestServer.StartAsync(b));
    }
}
