using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Herald.Protocol;

namespace Herald.Tests.Security;

public sealed class LimitTests
{
    [Fact]
    public async Task The_connection_over_the_per_IP_limit_is_refused_with_429_and_the_others_keep_working()
    {
        await using var server = await HeraldTestServer.StartAsync(new() { ["Herald:MaxConnectionsPerIp"] = "3" });
        var clients = new List<TestClient>();
        for (var i = 0; i < 3; i++)
        {
            clients.Add(await server.ConnectWelcomedAsync(server.Token($"u{i}")));
        }

        var refused = await UpgradeStatusAsync(server, server.Token("u9"));
        refused.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Body.Str("code").ShouldBe(ErrorCodes.RateLimitExceeded);

        foreach (var client in clients)
        {
            await client.SendAsync(new { type = "ping", id = 1 });
            (await client.NextOfTypeAsync("pong")).Long("id").ShouldBe(1);
        }

        await clients[0].DisposeAsync();
        await Eventually.TrueAsync(() => server.Services.GetRequiredService<Herald.Diagnostics.HeraldCounters>().Connections == 2, "a slot to free up");
        await using var late = await server.ConnectWelcomedAsync(server.Token("u9"));
        foreach (var client in clients.Skip(1))
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_connection_over_the_per_credential_limit_is_refused_with_429()
    {
        await using var server = await HeraldTestServer.StartAsync(new() { ["Herald:MaxConnectionsPerCredential"] = "2" });
        var token = server.Token("alice");
        await using var a = await server.ConnectWelcomedAsync(token);
        await using var b = await server.ConnectWelcomedAsync(token);

        (await UpgradeStatusAsync(server, token)).Status.ShouldBe(HttpStatusCode.TooManyRequests);
        await using var bob = await server.ConnectWelcomedAsync(server.Token("bob"));
    }

    [Fact]
    public async Task A_message_flood_gets_RATE_LIMIT_EXCEEDED_then_4029()
    {
        await using var server = await HeraldTestServer.StartAsync(new() { ["Herald:MessagesPerSecond"] = "5" });
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));

        try
        {
            for (var i = 0; i < 40; i++)
            {
                await client.SendAsync(new { type = "ping", id = i });
            }
        }
        catch (Exception ex) when (ex is System.Net.WebSockets.WebSocketException or ObjectDisposedException)
        {
            // On a slow machine the server's 4029 can land before the flood is all sent: a flooder meets a closed socket.
        }

        var replies = new List<JsonElement>();
        try
        {
            while (true)
            {
                replies.Add(await client.NextAsync());
            }
        }
        catch (InvalidOperationException)
        {
            // The connection closed: that is the point.
        }

        replies.Count(r => r.Type() == "pong").ShouldBeInRange(5, 10);
        var refused = replies.Where(r => r.Type() == "error").ToList();
        refused.ShouldNotBeEmpty();
        refused.ShouldAllBe(e => e.Str("code") == ErrorCodes.RateLimitExceeded);
        (await client.WaitClosedAsync()).Code.ShouldBe(CloseCodes.RateLimited);
    }

    [Fact]
    public async Task Publishing_over_the_rate_gets_429_with_Retry_After()
    {
        await using var server = await HeraldTestServer.StartAsync(new() { ["Herald:PublishesPerSecond"] = "3" });
        var token = server.Token("pub", "publish");
        (await server.PostAsync("/api/publish", server.Token("warm-up", "publish"), new { channel = "public:r", @event = "e" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 12; i++)
        {
            statuses.Add(await server.PostAsync("/api/publish", token, new { channel = "public:r", @event = "e", data = i }));
        }

        // A bucket of 3 refilled by 3 each second: never more than that many got through.
        var accepted = statuses.Count(s => s.StatusCode == HttpStatusCode.OK);
        accepted.ShouldBeGreaterThanOrEqualTo(3);
        accepted.ShouldBeLessThanOrEqualTo(3 * (1 + (int)Math.Ceiling(clock.Elapsed.TotalSeconds)));
        statuses.Count(s => s.StatusCode == HttpStatusCode.TooManyRequests).ShouldBe(statuses.Count - accepted);
        var limited = statuses.First(s => s.StatusCode == HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.ShouldNotBeNull();
        (await limited.Content.ReadFromJsonAsync<JsonElement>()).Str("code").ShouldBe(ErrorCodes.RateLimitExceeded);

        // Another credential has its own budget.
        (await server.PostAsync("/api/publish", server.Token("other", "publish"), new { channel = "public:r", @event = "e" })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>The status of a raw upgrade attempt, which a ClientWebSocket would hide.</summary>
    internal static async Task<(HttpStatusCode Status, JsonElement Body)> UpgradeStatusAsync(HeraldTestServer server, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ws?token=" + token);
        request.Headers.Connection.Add("Upgrade");
        request.Headers.Upgrade.Add(new("websocket"));
        request.Headers.Add("Sec-WebSocket-Version", "13");
        request.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(Guid.NewGuid().ToByteArray()));
        using var response = await server.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }
}
