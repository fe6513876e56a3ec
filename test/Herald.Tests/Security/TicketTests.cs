using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Herald.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Security;

public sealed class TicketTests
{
    [Fact]
    public async Task A_ticket_is_sold_as_json_and_as_a_strict_cookie_for_the_mount()
    {
        await using var server = await HeraldTestServer.StartAsync();

        var response = await server.PostAsync("/ws/ticket", server.Token("alice"), new { });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.Long("expires_in").ShouldBe(5);
        var cookie = response.Headers.GetValues("Set-Cookie").Single();
        cookie.ShouldStartWith("herald_ticket=" + body.Str("ticket"));
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=strict", Case.Insensitive);
        cookie.ShouldContain("path=/ws", Case.Insensitive);
        cookie.ShouldContain("max-age=5", Case.Insensitive);
    }

    [Fact]
    public async Task A_ticket_works_once_from_the_query_and_carries_the_buyer()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var ticket = await BuyAsync(server, server.Token("alice", "admin"));

        await using var first = await TestClient.ConnectAsync(server.WebSocketUri(query: "ticket=" + ticket));
        (await first.NextOfTypeAsync("welcome")).Str("user").ShouldBe("alice");
        await first.SendAsync(new { type = "subscribe", id = 1, channel = "admin:ops" });
        (await first.NextOfTypeAsync("subscribed")).Str("channel").ShouldBe("admin:ops");

        await using var replay = await TestClient.ConnectAsync(server.WebSocketUri(query: "ticket=" + ticket));
        var error = await replay.NextOfTypeAsync("error");
        error.Str("code").ShouldBe(ErrorCodes.InvalidCredentials);
        error.Str("message").ShouldContain("already used");
        (await replay.WaitClosedAsync()).Code.ShouldBe(CloseCodes.NotAuthenticated);
    }

    [Fact]
    public async Task A_ticket_works_from_the_cookie()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var ticket = await BuyAsync(server, server.Token("carol"));

        await using var client = await TestClient.ConnectAsync(server.WebSocketUri(), o => o.SetRequestHeader("Cookie", "herald_ticket=" + ticket));

        (await client.NextOfTypeAsync("welcome")).Str("user").ShouldBe("carol");
    }

    [Fact]
    public async Task An_expired_ticket_is_refused()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await HeraldTestServer.StartAsync(null, services => services.AddSingleton<TimeProvider>(clock));
        var ticket = await BuyAsync(server, server.Token("alice"));

        clock.Advance(TimeSpan.FromSeconds(6));
        await using var client = await TestClient.ConnectAsync(server.WebSocketUri(query: "ticket=" + ticket));

        var error = await client.NextOfTypeAsync("error");
        error.Str("code").ShouldBe(ErrorCodes.InvalidCredentials);
        error.Str("message").ShouldContain("expired");
    }

    [Fact]
    public async Task A_tampered_ticket_is_refused()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var ticket = await BuyAsync(server, server.Token("alice"));
        var tampered = (ticket[0] == 'A' ? 'B' : 'A') + ticket[1..];

        await using var client = await TestClient.ConnectAsync(server.WebSocketUri(query: "ticket=" + tampered));

        (await client.NextOfTypeAsync("error")).Str("code").ShouldBe(ErrorCodes.InvalidCredentials);
    }

    [Fact]
    public async Task A_ticket_cannot_buy_a_ticket_and_buying_needs_a_credential()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var ticket = await BuyAsync(server, server.Token("alice"));

        (await server.Http.PostAsync("/ws/ticket?ticket=" + ticket, null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await server.Http.PostAsync("/ws/ticket", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_API_key_can_buy_a_ticket()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var (_, key) = await ApiKeyTests.CreateKeyAsync(server, server.Token("root", "admin"), "svc-1", []);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/ws/ticket");
        request.Headers.Add("X-Api-Key", key);
        var ticket = (await (await server.Http.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>()).Str("ticket");

        await using var client = await TestClient.ConnectAsync(server.WebSocketUri(query: "ticket=" + ticket));

        (await client.NextOfTypeAsync("welcome")).Str("user").ShouldBe("svc-1");
    }

    [Fact]
    public async Task A_ticket_bought_with_a_key_revoked_before_redemption_is_refused_at_the_upgrade()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var admin = server.Token("root", "admin");
        var (id, key) = await ApiKeyTests.CreateKeyAsync(server, admin, "svc-2", []);
        using var buy = new HttpRequestMessage(HttpMethod.Post, "/ws/ticket");
        buy.Headers.Add("X-Api-Key", key);
        var ticket = (await (await server.Http.SendAsync(buy)).Content.ReadFromJsonAsync<JsonElement>()).Str("ticket");

        using var revoke = new HttpRequestMessage(HttpMethod.Delete, "/api/keys/" + id);
        revoke.Headers.Authorization = new("Bearer", admin);
        (await server.Http.SendAsync(revoke)).IsSuccessStatusCode.ShouldBeTrue();

        await using var client = await TestClient.ConnectAsync(server.WebSocketUri(query: "ticket=" + ticket));
        var first = await client.NextAsync();
        first.Str("type").ShouldBe("error", "no welcome: the connection must never open for a revoked key");
        first.Str("code").ShouldBe(ErrorCodes.InvalidCredentials);
        first.Str("message").ShouldContain("revoked");
        (await client.WaitClosedAsync()).Code.ShouldBe(CloseCodes.NotAuthenticated);
    }

    internal static async Task<string> BuyAsync(HeraldTestServer server, string token)
    {
        var response = await server.PostAsync("/ws/ticket", token, new { });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Str("ticket");
    }
}
