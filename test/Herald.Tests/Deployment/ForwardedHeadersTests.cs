using System.Net.WebSockets;

namespace Herald.Tests.Deployment;

/// <summary>
/// Behind a TLS-terminating proxy the page's Origin is https:// while Kestrel sees http://;
/// docs/operations.md §9 says forwarded headers reconcile them. These check that it is so.
/// </summary>
public sealed class ForwardedHeadersTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_browser_upgrade_through_a_TLS_proxy_passes_the_origin_check_only_with_forwarded_headers(bool forwarded)
    {
        await using var server = await HeraldTestServer.StartAsync(new() { ["FORWARDEDHEADERS_ENABLED"] = forwarded ? "true" : "false" });
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", $"https://{server.BaseAddress.Authority}");
        socket.Options.SetRequestHeader("X-Forwarded-Proto", "https");
        socket.Options.SetRequestHeader("X-Forwarded-For", "203.0.113.7");
        socket.Options.CollectHttpResponseDetails = true;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var uri = server.WebSocketUri("/ws", "token=" + Uri.EscapeDataString(server.Token("alice")));

        if (forwarded)
        {
            await socket.ConnectAsync(uri, deadline.Token);
            socket.State.ShouldBe(WebSocketState.Open);
        }
        else
        {
            await Should.ThrowAsync<WebSocketException>(() => socket.ConnectAsync(uri, deadline.Token));
            ((int)socket.HttpStatusCode).ShouldBe(403);
        }
    }
}
