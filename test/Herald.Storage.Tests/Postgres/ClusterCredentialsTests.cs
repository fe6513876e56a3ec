using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Herald.Protocol;
using Herald.Storage.Tests.Support;
using Herald.Testing;

namespace Herald.Storage.Tests.Postgres;

/// <summary>Tickets and API keys live in PostgreSQL, so single use and revocation hold across nodes.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterCredentialsTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_ticket_bought_on_one_node_works_once_on_any_node()
    {
        var (a, b) = await StartTwoNodesAsync();
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
    public async Task Revoking_a_key_on_one_node_closes_its_connections_on_another_within_5_seconds()
    {
        var (a, b) = await StartTwoNodesAsync();
        await using var nodeA = a;
        await using var nodeB = b;
        var admin = nodeA.Token("root", "admin");
        var created = await (await nodeA.PostAsync("/api/keys", admin, new { owner = "svc", attributes = Array.Empty<string>() })).Content.ReadFromJsonAsync<JsonElement>();
        var key = created.GetProperty("key").GetString()!;

        await using var onB = await TestClient.ConnectAsync(nodeB.WebSocketUri(), o => o.SetRequestHeader("X-Api-Key", key));
        (await onB.NextOfTypeAsync("welcome")).GetProperty("user").GetString().ShouldBe("svc");

        using var revoke = new HttpRequestMessage(HttpMethod.Delete, "/api/keys/" + created.GetProperty("id").GetString());
        revoke.Headers.Authorization = new("Bearer", admin);
        (await nodeA.Http.SendAsync(revoke)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await onB.WaitClosedAsync(TimeSpan.FromSeconds(5))).Code.ShouldBe(CloseCodes.NotAuthenticated);
    }

    private async Task<(HeraldTestServer A, HeraldTestServer B)> StartTwoNodesAsync()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("creds");
        Dictionary<string, string?> Node(string id) => new()
        {
            ["Herald:Store"] = "postgres",
            ["Herald:Postgres:ConnectionString"] = connectionString,
            ["Herald:NodeId"] = id,
        };

        return (await HeraldTestServer.StartAsync(Node("node-a")), await HeraldTestServer.StartAsync(Node("node-b")));
    }
}
