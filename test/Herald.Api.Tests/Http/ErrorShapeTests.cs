using System.Net;
using System.Text.Json;
using Herald.Api.Tests.Support;
using Herald.Security.ApiKeys;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Api.Tests.Http;

/// <summary>
/// PROTOCOL.md §8: every HTTP error is RFC 9457 problem details with a <c>code</c>, whether
/// Herald's handlers answer or the framework does (no route, wrong method, wrong media type).
/// </summary>
public sealed class ErrorShapeTests(SharedServer shared) : IClassFixture<SharedServer>
{
    private const string Publish = """{"channel":"public:shape","event":"e"}""";

    [Theory]
    [InlineData("POST", "/api/publish", "none", Publish, "application/json", 401, "MISSING_CREDENTIALS")]
    [InlineData("POST", "/api/publish", "forged", Publish, "application/json", 401, "INVALID_CREDENTIALS")]
    [InlineData("POST", "/api/publish", "user", Publish, "application/json", 403, "ACCESS_DENIED")]
    [InlineData("POST", "/api/publish", "publish", "not json", "application/json", 400, "BAD_REQUEST")]
    [InlineData("POST", "/api/publish", "publish", """{"channel":"nowhere:x","event":"e"}""", "application/json", 400, "INVALID_CHANNEL")]
    [InlineData("POST", "/api/publish", "publish", Publish, "application/xml", 415, "BAD_REQUEST")]
    [InlineData("POST", "/api/publish", "publish", Publish, "multipart/form-data; boundary=x", 415, "BAD_REQUEST")]
    [InlineData("POST", "/api/publish", "publish", "huge", "application/json", 413, "MESSAGE_TOO_LARGE")]
    [InlineData("GET", "/api/publish", "publish", null, null, 405, "BAD_REQUEST")]
    [InlineData("POST", "/api/publish/batch", "publish", """{"messages":1}""", "application/json", 400, "BAD_REQUEST")]
    [InlineData("POST", "/api/publish/batch", "publish", """{"messages":[]}""", "text/csv", 415, "BAD_REQUEST")]
    [InlineData("POST", "/api/publish/batch", "none", """{"messages":[]}""", "application/json", 401, "MISSING_CREDENTIALS")]
    [InlineData("DELETE", "/api/publish/batch", "publish", null, null, 405, "BAD_REQUEST")]
    [InlineData("POST", "/api/keys", "admin", "{", "application/json", 400, "BAD_REQUEST")]
    [InlineData("POST", "/api/keys", "admin", """{"owner":"svc"}""", "application/xml", 415, "BAD_REQUEST")]
    [InlineData("POST", "/api/keys", "user", """{"owner":"svc"}""", "application/json", 403, "ACCESS_DENIED")]
    [InlineData("GET", "/api/keys", "none", null, null, 401, "MISSING_CREDENTIALS")]
    [InlineData("PUT", "/api/keys", "admin", "{}", "application/json", 405, "BAD_REQUEST")]
    [InlineData("DELETE", "/api/keys/no-such-key", "admin", null, null, 404, "BAD_REQUEST")]
    [InlineData("GET", "/api/stats", "none", null, null, 401, "MISSING_CREDENTIALS")]
    [InlineData("GET", "/api/stats", "user", null, null, 403, "ACCESS_DENIED")]
    [InlineData("POST", "/api/stats", "admin", "{}", "application/json", 405, "BAD_REQUEST")]
    [InlineData("GET", "/api/channels", "forged", null, null, 401, "INVALID_CREDENTIALS")]
    [InlineData("GET", "/api/channels/public:shape/history", "none", null, null, 401, "MISSING_CREDENTIALS")]
    [InlineData("GET", "/api/channels/public:shape/history?limit=lots", "user", null, null, 400, "BAD_REQUEST")]
    [InlineData("GET", "/api/channels/nowhere:x/history", "user", null, null, 400, "INVALID_CHANNEL")]
    [InlineData("POST", "/api/channels/public:shape/history", "user", "{}", "application/json", 405, "BAD_REQUEST")]
    [InlineData("POST", "/ws/ticket", "none", null, null, 401, "MISSING_CREDENTIALS")]
    [InlineData("GET", "/ws/ticket", "user", null, null, 405, "BAD_REQUEST")]
    [InlineData("GET", "/api/no-such-route", "admin", null, null, 404, "BAD_REQUEST")]
    [InlineData("POST", "/api", "admin", "{}", "application/json", 404, "BAD_REQUEST")]
    public async Task Every_error_is_problem_details_with_a_code(string method, string path, string credential, string? body, string? contentType, int status, string code)
    {
        var server = shared.Server;
        var bytes = body switch
        {
            null => null,
            "huge" => HttpHelpers.Bytes($$"""{"channel":"public:shape","event":"e","data":"{{new string('x', 200_000)}}"}"""),
            _ => HttpHelpers.Bytes(body),
        };

        var response = await server.SendBytesAsync(new HttpMethod(method), path, Token(credential), bytes, contentType);

        await response.ShouldBeProblemAsync((HttpStatusCode)status, code);
    }

    [Fact]
    public async Task A_body_over_the_server_limit_is_413_problem_details_on_any_route()
    {
        // Kestrel refuses a declared length over its 30 MB default as the handler starts reading.
        var head = $"POST /api/keys HTTP/1.0\r\nHost: herald\r\nAuthorization: Bearer {Token("admin")}\r\nContent-Type: application/json\r\nContent-Length: 40000000";

        var (status, headers, body) = await RawHttp.SendAsync(shared.Server.BaseAddress, head, "{\"owner\":");

        status.ShouldBe(413, headers);
        headers.ShouldContain("Content-Type: application/problem+json", Case.Insensitive);
        var problem = JsonDocument.Parse(body).RootElement;
        problem.Str("code").ShouldBe("MESSAGE_TOO_LARGE");
        problem.Long("status").ShouldBe(413);
    }

    [Fact]
    public async Task A_fault_in_a_handler_is_500_problem_details_with_code_internal()
    {
        await using var server = await HeraldTestServer.StartAsync(null, s => s.AddSingleton<IApiKeyStore, BrokenKeyStore>());

        var response = await server.GetAsync("/api/keys", server.Token("root", "admin"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.InternalServerError, "INTERNAL");
        problem.Str("detail").ShouldNotContain("the key store is broken", Case.Insensitive, "exception messages are not for clients");
    }

    private string? Token(string credential) => credential switch
    {
        "none" => null,
        "forged" => Jwt.ForeignSecret("mallory", "admin", "publish"),
        "user" => shared.Server.Token("alice"),
        "publish" => shared.Server.Token("backend", "publish"),
        "admin" => shared.Server.Token("root", "admin"),
        _ => throw new ArgumentOutOfRangeException(nameof(credential), credential, null),
    };
}
