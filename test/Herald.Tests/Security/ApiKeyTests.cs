using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Herald.Protocol;

namespace Herald.Tests.Security;

public sealed class ApiKeyTests
{
    [Fact]
    public async Task An_admin_creates_a_key_shown_once_and_it_authenticates_as_its_owner()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var admin = server.Token("root", "admin");

        var (id, key) = await CreateKeyAsync(server, admin, "svc-7", ["publish"]);
        key.ShouldStartWith("hk_");

        var listed = await (await server.GetAsync("/api/keys", admin)).Content.ReadFromJsonAsync<JsonElement>();
        var entry = listed.GetProperty("keys").EnumerateArray().Single();
        entry.Str("id").ShouldBe(id);
        entry.Has("key").ShouldBeFalse();
        entry.GetRawText().ShouldNotContain(key);

        await using var byHeader = await TestClient.ConnectAsync(server.WebSocketUri(), o => o.SetRequestHeader("X-Api-Key", key));
        (await byHeader.NextOfTypeAsync("welcome")).Str("user").ShouldBe("svc-7");
        await using var byQuery = await TestClient.ConnectAsync(server.WebSocketUri(query: "api_key=" + Uri.EscapeDataString(key)));
        (await byQuery.NextOfTypeAsync("welcome")).Str("user").ShouldBe("svc-7");

        using var publish = new HttpRequestMessage(HttpMethod.Post, "/api/publish") { Content = JsonContent.Create(new { channel = "public:k", @event = "e" }) };
        publish.Headers.Add("X-Api-Key", key);
        (await server.Http.SendAsync(publish)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var afterUse = await (await server.GetAsync("/api/keys", admin)).Content.ReadFromJsonAsync<JsonElement>();
        afterUse.GetProperty("keys")[0].GetProperty("last_used_at").ValueKind.ShouldBe(JsonValueKind.String);
    }

    [Fact]
    public async Task Keys_need_admin()
    {
        await using var server = await HeraldTestServer.StartAsync();

        (await server.PostAsync("/api/keys", server.Token("bob", "publish"), new { owner = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await server.GetAsync("/api/keys", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("hk_000000000000_not-a-real-secret")]
    [InlineData("garbage")]
    public async Task An_unknown_key_is_INVALID_CREDENTIALS_then_4001(string key)
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await TestClient.ConnectAsync(server.WebSocketUri(), o => o.SetRequestHeader("X-Api-Key", key));

        (await client.NextOfTypeAsync("error")).Str("code").ShouldBe(ErrorCodes.InvalidCredentials);
        (await client.WaitClosedAsync()).Code.ShouldBe(CloseCodes.NotAuthenticated);
    }

    [Fact]
    public async Task A_key_with_a_wrong_secret_for_a_real_id_is_refused()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var (_, key) = await CreateKeyAsync(server, server.Token("root", "admin"), "svc", []);
        var forged = key[..^4] + (key[^4..] == "AAAA" ? "BBBB" : "AAAA");

        await using var client = await TestClient.ConnectAsync(server.WebSocketUri(query: "api_key=" + Uri.EscapeDataString(forged)));

        (await client.NextOfTypeAsync("error")).Str("code").ShouldBe(ErrorCodes.InvalidCredentials);
    }

    [Fact]
    public async Task Revoking_a_key_closes_its_connections_with_4001_and_refuses_it_afterwards()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var admin = server.Token("root", "admin");
        var (id, key) = await CreateKeyAsync(server, admin, "svc", []);
        var (_, otherKey) = await CreateKeyAsync(server, admin, "other", []);
        await using var doomed = await TestClient.ConnectAsync(server.WebSocketUri(), o => o.SetRequestHeader("X-Api-Key", key));
        await using var unaffected = await TestClient.ConnectAsync(server.WebSocketUri(), o => o.SetRequestHeader("X-Api-Key", otherKey));
        await doomed.NextOfTypeAsync("welcome");
        await unaffected.NextOfTypeAsync("welcome");

        using var revoke = new HttpRequestMessage(HttpMethod.Delete, $"/api/keys/{id}");
        revoke.Headers.Authorization = new("Bearer", admin);
        (await server.Http.SendAsync(revoke)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await doomed.WaitClosedAsync(TimeSpan.FromSeconds(5))).Code.ShouldBe(CloseCodes.NotAuthenticated);
        await unaffected.SendAsync(new { type = "ping", id = 1 });
        (await unaffected.NextOfTypeAsync("pong")).Long("id").ShouldBe(1);

        await using var again = await TestClient.ConnectAsync(server.WebSocketUri(), o => o.SetRequestHeader("X-Api-Key", key));
        var error = await again.NextOfTypeAsync("error");
        error.Str("code").ShouldBe(ErrorCodes.InvalidCredentials);
        error.Str("message").ShouldContain("revoked");
    }

    [Fact]
    public async Task A_key_revoked_in_the_store_behind_the_servers_back_is_noticed_within_5_seconds()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var (id, key) = await CreateKeyAsync(server, server.Token("root", "admin"), "svc", []);
        await using var client = await TestClient.ConnectAsync(server.WebSocketUri(), o => o.SetRequestHeader("X-Api-Key", key));
        await client.NextOfTypeAsync("welcome");

        // As another node would: straight to the shared store, no local close.
        await server.Services.GetRequiredService<Herald.Security.ApiKeys.IApiKeyStore>().RevokeAsync(id, CancellationToken.None);

        (await client.WaitClosedAsync(TimeSpan.FromSeconds(5))).Code.ShouldBe(CloseCodes.NotAuthenticated);
    }

    internal static async Task<(string Id, string Key)> CreateKeyAsync(HeraldTestServer server, string admin, string owner, string[] attributes, object? limits = null)
    {
        var response = await server.PostAsync("/api/keys", admin, new { name = "test", owner, attributes, max_connections = (int?)null });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.Str("id"), body.Str("key"));
    }
}
