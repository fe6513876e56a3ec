using System.Net;
using System.Net.Http.Json;
using Herald.Api.Tests.Support;
using Herald.Security.ApiKeys;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Api.Tests.Http;

/// <summary>The admin routes refuse a credential without <c>admin</c> with the same 403 problem, whatever the credential.</summary>
public sealed class AdminAccessTests(SharedServer shared) : IClassFixture<SharedServer>
{
    private HeraldTestServer Server => shared.Server;

    public static TheoryData<string, string> AdminRoutes => new()
    {
        { "GET", "/api/stats" },
        { "GET", "/api/channels" },
        { "GET", "/api/keys" },
        { "POST", "/api/keys" },
        { "DELETE", "/api/keys/some-id" },
    };

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    public async Task A_token_without_admin_is_403_access_denied_naming_the_attribute(string method, string path)
    {
        using var request = Request(method, path);
        request.Headers.Authorization = new("Bearer", Server.Token("bob", "publish", "admin:ops"));

        var problem = await (await Server.Http.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "ACCESS_DENIED");

        problem.Str("title").ShouldBe("Access denied");
        problem.Str("detail").ShouldBe("This call needs the 'admin' attribute.");
    }

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    public async Task An_api_key_without_admin_is_403_access_denied(string method, string path)
    {
        var (_, key) = await Server.Services.GetRequiredService<ApiKeyService>().CreateAsync("reader", "bob", ["publish"], null, null, CancellationToken.None);
        using var request = Request(method, path);
        request.Headers.Add("X-Api-Key", key);

        var problem = await (await Server.Http.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "ACCESS_DENIED");

        problem.Str("detail").ShouldBe("This call needs the 'admin' attribute.");
    }

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    public async Task Without_a_credential_the_admin_routes_are_401_missing_credentials(string method, string path)
    {
        using var request = Request(method, path);

        var problem = await (await Server.Http.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "MISSING_CREDENTIALS");

        problem.Str("title").ShouldBe("Missing credentials");
        problem.Str("detail").ShouldBe("Send a JWT (Authorization: Bearer or ?token=), an API key (X-Api-Key or ?api_key=) or a ticket.");
    }

    [Fact]
    public async Task A_refused_key_creation_creates_no_key()
    {
        var service = Server.Services.GetRequiredService<ApiKeyService>();
        var before = (await service.Store.ListAsync(CancellationToken.None)).Count;
        using var request = Request("POST", "/api/keys");
        request.Headers.Authorization = new("Bearer", Server.Token("bob", "publish"));

        (await Server.Http.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await service.Store.ListAsync(CancellationToken.None)).Count.ShouldBe(before);
    }

    private static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), path)
    {
        Content = method == "POST" ? JsonContent.Create(new { owner = "mallory", attributes = new[] { "admin" } }) : null,
    };
}
