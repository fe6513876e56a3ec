using Herald.Api.Tests.Support;

namespace Herald.Api.Tests.Authentication;

/// <summary>A failed WebSocket authentication completes the upgrade, sends one <c>error</c> and closes with 4001.</summary>
public sealed class WebSocketAuthenticationTests
{
    [Fact]
    public async Task Without_a_credential_the_socket_gets_missing_credentials_and_4001()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await TestClient.ConnectAsync(server.WebSocketUri());

        await ShouldBeRejectedAsync(client, "MISSING_CREDENTIALS");
    }

    [Fact]
    public async Task A_token_with_a_bad_signature_gets_invalid_credentials_and_4001()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectAsync(Jwt.ForeignSecret("mallory", "admin"));

        await ShouldBeRejectedAsync(client, "INVALID_CREDENTIALS");
    }

    [Fact]
    public async Task An_expired_token_gets_token_expired_and_4001()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectAsync(Jwt.Expired("alice"));

        await ShouldBeRejectedAsync(client, "TOKEN_EXPIRED");
    }

    [Fact]
    public async Task A_bad_bearer_header_gets_invalid_credentials_and_4001()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await TestClient.ConnectAsync(
            server.WebSocketUri(),
            o => o.SetRequestHeader("Authorization", "Bearer " + Jwt.ForeignSecret("mallory")));

        await ShouldBeRejectedAsync(client, "INVALID_CREDENTIALS");
    }

    [Fact]
    public async Task A_token_in_the_authorization_header_is_accepted()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await TestClient.ConnectAsync(
            server.WebSocketUri(),
            o => o.SetRequestHeader("Authorization", "Bearer " + server.Token("alice", "admin")));

        var welcome = await client.NextOfTypeAsync("welcome");
        welcome.Str("user").ShouldBe("alice");
        welcome.Long("protocol").ShouldBe(1);
        welcome.Str("node").ShouldBe("test-node");
        await client.SubscribeAsync("admin:ops");
    }

    [Fact]
    public async Task The_welcome_names_the_session_user_node_and_ping_interval()
    {
        await using var server = await HeraldTestServer.StartAsync(new() { ["Herald:PingInterval"] = "17" });
        await using var client = await server.ConnectAsync(server.Token("alice"));

        var welcome = await client.NextOfTypeAsync("welcome");

        welcome.Long("protocol").ShouldBe(1);
        welcome.Str("session").ShouldNotBeNullOrWhiteSpace();
        welcome.Str("node").ShouldBe("test-node");
        welcome.Str("user").ShouldBe("alice");
        welcome.Long("ping_interval").ShouldBe(17);
    }

    private static async Task ShouldBeRejectedAsync(TestClient client, string code)
    {
        var error = await client.NextAsync();
        error.Type().ShouldBe("error", error.GetRawText());
        error.Str("code").ShouldBe(code);
        error.Str("message").ShouldNotBeNullOrWhiteSpace();
        error.Has("id").ShouldBeFalse();
        var (closeCode, _) = await client.WaitClosedAsync();
        closeCode.ShouldBe(4001);
        client.Messages.ShouldBe(1, "nothing but the one error may come before the close");
    }
}
