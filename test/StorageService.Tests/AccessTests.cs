using System.Net;
using StorageService.Tests.Support;

namespace StorageService.Tests;

/// <summary>The REST API and the monitor refuse what the credentials do not allow.</summary>
public sealed class AccessTests : IAsyncLifetime
{
    private StorageServer _server = null!;

    public async Task InitializeAsync() => _server = await StorageServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_api_needs_a_token_with_the_right_attribute()
    {
        using (var anonymous = await _server.Http.GetAsync("/storage/aips"))
        {
            anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var reader = _server.Token("reader", Matrix.AipsList);
        (await _server.SendAsync(HttpMethod.Get, "/storage/aips", reader)).GetArrayLength().ShouldBe(0);
        await _server.SendAsync(HttpMethod.Get, "/storage/locations", reader, expected: HttpStatusCode.Forbidden);
        await _server.SendAsync(HttpMethod.Post, "/storage/aips", reader, new { name = "x" }, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_monitor_needs_a_ticket_and_a_ticket_works_once()
    {
        var uri = new UriBuilder(_server.BaseAddress) { Scheme = "ws", Path = "/storage/monitor" }.Uri;
        // The monitor speaks the seed's envelope, which has no error message: the close says why.
        await using (var bare = await TestClient.ConnectAsync(uri))
        {
            (await bare.WaitClosedAsync()).ShouldBe((4001, "MISSING_CREDENTIALS"));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/storage/monitor");
        request.Headers.Authorization = new("Bearer", _server.Token("alice", Matrix.Locations));
        using var response = await _server.Http.SendAsync(request);
        var cookie = response.Headers.GetValues("Set-Cookie").Single();
        cookie.ShouldContain("path=/storage/monitor", Case.Insensitive);
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=strict", Case.Insensitive);
        cookie.ShouldContain("max-age=5", Case.Insensitive);
        var ticket = cookie.Split(';')[0];

        await using (var first = await TestClient.ConnectAsync(uri, o => o.SetRequestHeader("Cookie", ticket)))
        {
            var writer = _server.Token("writer", [.. StorageService.Api.StorageAttributes.All]);
            await _server.SendAsync(HttpMethod.Post, "/storage/locations", writer, new { name = "Bucket A" }, HttpStatusCode.Created);
            (await first.NextAsync()).GetProperty("event").Str("type").ShouldBe("location_created_event");
        }

        await using var second = await TestClient.ConnectAsync(uri, o => o.SetRequestHeader("Cookie", ticket));
        (await second.WaitClosedAsync()).ShouldBe((4001, "INVALID_CREDENTIALS"));
        second.Messages.ShouldBe(0);
    }
}
