using System.Net;
using Herald.Api.Tests.Support;

namespace Herald.Api.Tests.Authentication;

/// <summary>Attributes come from the <c>attributes</c> array, the space-separated <c>scope</c> and the <c>roles</c> array.</summary>
public sealed class JwtClaimsTests
{
    [Fact]
    public async Task A_space_separated_scope_grants_each_of_its_attributes()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var token = Jwt.Sign(Jwt.TestSecret, "svc", new() { ["scope"] = "publish admin" });

        await (await server.GetAsync("/api/stats", token)).ShouldBeOkJsonAsync();
        await (await server.PostAsync("/api/publish", token, new { channel = "admin:ops", @event = "e" })).ShouldBeOkJsonAsync();
        await (await server.PostAsync("/api/publish", token, new { channel = "public:a", @event = "e" })).ShouldBeOkJsonAsync();
    }

    [Fact]
    public async Task A_scope_without_admin_does_not_grant_it()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var token = Jwt.Sign(Jwt.TestSecret, "svc", new() { ["scope"] = "publish administrator" });

        await (await server.GetAsync("/api/stats", token)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "ACCESS_DENIED");
        await (await server.PostAsync("/api/publish", token, new { channel = "public:a", @event = "e" })).ShouldBeOkJsonAsync();
    }

    [Fact]
    public async Task A_roles_array_grants_its_attributes()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var token = Jwt.Sign(Jwt.TestSecret, "svc", new() { ["roles"] = new[] { "admin", "publish" } });

        await (await server.GetAsync("/api/stats", token)).ShouldBeOkJsonAsync();
        await (await server.PostAsync("/api/publish", token, new { channel = "public:a", @event = "e" })).ShouldBeOkJsonAsync();
    }

    [Fact]
    public async Task Attributes_scope_and_roles_are_merged()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var token = Jwt.Sign(Jwt.TestSecret, "svc", new()
        {
            ["attributes"] = new[] { "storage:aips:list" },
            ["scope"] = "publish",
            ["roles"] = new[] { "admin" },
        });

        await (await server.GetAsync("/api/stats", token)).ShouldBeOkJsonAsync();
        await (await server.PostAsync("/api/publish", token, new { channel = "public:a", @event = "e" })).ShouldBeOkJsonAsync();
        await using var client = await server.ConnectWelcomedAsync(token);
        await client.SubscribeAsync("admin:ops");
    }

    [Fact]
    public async Task A_token_without_sub_is_401_invalid_credentials()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["scope"] = "admin" },
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = Jwt.TestSecret,
        });

        await (await server.GetAsync("/api/stats", token)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
    }

    [Fact]
    public async Task A_malformed_bearer_token_is_401_invalid_credentials()
    {
        await using var server = await HeraldTestServer.StartAsync();

        await (await server.GetAsync("/api/stats", "not-a-jwt")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
    }
}
