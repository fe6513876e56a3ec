using System.Net;
using System.Net.WebSockets;

namespace Herald.Api.Tests.Authentication;

/// <summary>Cross-site WebSocket hijacking: an Origin outside Herald:AllowedOrigins gets 403 before the upgrade.</summary>
public sealed class OriginTests
{
    private static readonly Dictionary<string, string?> Allowed = new() { ["Herald:AllowedOrigins:0"] = "https://good.example" };

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("http://good.example")]
    [InlineData("https://good.example.evil.example")]
    public async Task A_disallowed_origin_is_refused_with_403(string origin)
    {
        await using var server = await HeraldTestServer.StartAsync(Allowed);
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", origin);

        var uri = server.WebSocketUri(query: "token=" + Uri.EscapeDataString(server.Token("alice")));
        await Should.ThrowAsync<WebSocketException>(() => socket.ConnectAsync(uri, CancellationToken.None));

        socket.HttpStatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_refusal_is_a_problem_body_with_access_denied()
    {
        await using var server = await HeraldTestServer.StartAsync(Allowed);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ws?token=" + Uri.EscapeDataString(server.Token("alice")));
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Connection", "Upgrade");
        request.Headers.Add("Upgrade", "websocket");
        request.Headers.Add("Sec-WebSocket-Version", "13");
        request.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(Guid.NewGuid().ToByteArray()));

        using var response = await server.Http.SendAsync(request);

        await Support.ProblemAssertions.ShouldBeProblemAsync(response, HttpStatusCode.Forbidden, "ACCESS_DENIED");
    }

    [Theory]
    [InlineData("https://good.example")]
    [InlineData("https://GOOD.example")]
    [InlineData(null)]
    public async Task An_allowed_origin_or_none_connects(string? origin)
    {
        await using var server = await HeraldTestServer.StartAsync(Allowed);
        await using var client = await TestClient.ConnectAsync(
            server.WebSocketUri(query: "token=" + Uri.EscapeDataString(server.Token("alice"))),
            o =>
            {
                if (origin is not null)
                {
                    o.SetRequestHeader("Origin", origin);
                }
            });

        (await client.NextOfTypeAsync("welcome")).Str("user").ShouldBe("alice");
    }

    [Fact]
    public async Task The_servers_own_origin_connects()
    {
        await using var server = await HeraldTestServer.StartAsync(Allowed);
        var own = server.BaseAddress.GetLeftPart(UriPartial.Authority);
        await using var client = await TestClient.ConnectAsync(
            server.WebSocketUri(query: "token=" + Uri.EscapeDataString(server.Token("alice"))),
            o => o.SetRequestHeader("Origin", own));

        (await client.NextOfTypeAsync("welcome")).Str("user").ShouldBe("alice");
    }
}
