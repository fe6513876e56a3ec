using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Herald.Protocol;

namespace Herald.Tests.ServerSentEvents;

/// <summary>
/// What an EventSource can see: a refusal it must not retry is an HTTP status (it stops); a passing
/// one is a stream that says why and ends (it reconnects by itself).
/// </summary>
public sealed class SseRefusalTests
{
    [Theory]
    [InlineData(null, "channel=public:a", HttpStatusCode.Unauthorized, ErrorCodes.MissingCredentials)]
    [InlineData("bad.jwt.here", "channel=public:a", HttpStatusCode.Unauthorized, ErrorCodes.InvalidCredentials)]
    [InlineData("alice", "channel=admin:ops", HttpStatusCode.Forbidden, ErrorCodes.AccessDenied)]
    [InlineData("alice", "channel=user:bob", HttpStatusCode.Forbidden, ErrorCodes.AccessDenied)]
    [InlineData("alice", "channel=nowhere:x", HttpStatusCode.BadRequest, ErrorCodes.InvalidChannel)]
    [InlineData("alice", "channel=bad%20name", HttpStatusCode.BadRequest, ErrorCodes.BadRequest)]
    [InlineData("alice", "", HttpStatusCode.BadRequest, ErrorCodes.BadRequest)]
    [InlineData("alice", "channel=public:a&since=nonsense", HttpStatusCode.BadRequest, ErrorCodes.BadRequest)]
    [InlineData("alice", "channel=public:a&snapshot=maybe", HttpStatusCode.BadRequest, ErrorCodes.BadRequest)]
    public async Task What_must_not_be_retried_is_an_HTTP_problem(string? subject, string query, HttpStatusCode status, string code)
    {
        await using var server = await HeraldTestServer.StartAsync();
        var token = subject is null ? null : subject.Contains('.') ? subject : server.Token(subject);

        await using var stream = await SseStreamTests.OpenAsync(server, token, query);

        await ShouldBeProblemAsync(stream.Response, status, code);
    }

    [Fact]
    public async Task A_Last_Event_ID_the_server_never_sent_is_a_bad_request()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var stream = await SseStreamTests.OpenAsync(server, server.Token("alice"), "channel=public:a", lastEventId: "e1:notanumber:public:a");

        await ShouldBeProblemAsync(stream.Response, HttpStatusCode.BadRequest, ErrorCodes.BadRequest);
    }

    [Fact]
    public async Task More_channels_than_MaxStreamChannels_is_a_bad_request()
    {
        await using var server = await HeraldTestServer.StartAsync(new() { ["Herald:MaxStreamChannels"] = "2" });
        await using var stream = await SseStreamTests.OpenAsync(server, server.Token("alice"), "channel=public:a&channel=public:b&channel=public:c");

        (await ShouldBeProblemAsync(stream.Response, HttpStatusCode.BadRequest, ErrorCodes.BadRequest)).ShouldContain("MaxStreamChannels");
    }

    [Fact]
    public async Task Too_many_connections_is_said_inside_a_stream_that_ends_so_the_browser_retries()
    {
        await using var server = await HeraldTestServer.StartAsync(new() { ["Herald:MaxConnectionsPerCredential"] = "1" });
        var token = server.Token("alice");
        await using var first = await SseStreamTests.OpenAsync(server, token, "channel=public:a");
        await first.NextOfTypeAsync("subscribed");

        await using var second = await SseStreamTests.OpenAsync(server, token, "channel=public:a");

        second.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await second.NextAsync()).Json.Str("code").ShouldBe(ErrorCodes.RateLimitExceeded);
        (await second.NextAsync()).Json.Long("code").ShouldBe(CloseCodes.RateLimited);
        await Should.ThrowAsync<EndOfStreamException>(() => second.NextAsync());
        second.Retry.ShouldBe(1000);
    }

    [Fact]
    public async Task A_ticket_stream_sets_a_fresh_ticket_cookie_for_the_reconnect_and_the_used_one_is_refused()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var bought = await server.PostAsync("/ws/ticket", server.Token("alice"), new { });
        var ticket = (await bought.Content.ReadFromJsonAsync<JsonElement>()).Str("ticket");

        // Cookies by hand, as a browser's jar would send them, not through HttpClient's container.
        using var browser = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = server.BaseAddress };
        string fresh;
        await using (var first = await OpenWithCookieAsync(browser, ticket))
        {
            (await first.NextAsync()).Json.Str("user").ShouldBe("alice");
            var cookie = first.Response.Headers.GetValues("Set-Cookie").Single();
            cookie.ShouldContain("path=/ws", Case.Insensitive);
            cookie.ShouldContain("httponly", Case.Insensitive);
            fresh = cookie["herald_ticket=".Length..cookie.IndexOf(';')];
            fresh.ShouldNotBe(ticket);
        }

        await using (var replayed = await OpenWithCookieAsync(browser, ticket))
        {
            await ShouldBeProblemAsync(replayed.Response, HttpStatusCode.Unauthorized, ErrorCodes.InvalidCredentials);
        }

        await using var reconnect = await OpenWithCookieAsync(browser, fresh);
        (await reconnect.NextAsync()).Json.Str("user").ShouldBe("alice");
    }

    private static Task<SseStream> OpenWithCookieAsync(HttpClient browser, string ticket) =>
        SseStream.OpenAsync(browser, "/ws/events?channel=public:a", r => r.Headers.Add("Cookie", "herald_ticket=" + ticket));

    private static async Task<string> ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.Str("code").ShouldBe(code);
        return problem.Str("detail");
    }
}
