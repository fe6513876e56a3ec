namespace Herald.Api.Tests.Lifecycle;

/// <summary>A JWT connection's expiry: <c>expiring</c> ahead of it, then <c>error</c> TOKEN_EXPIRED and close 4001.</summary>
public sealed class TokenLifecycleTests
{
    [Fact]
    public async Task Expiring_is_sent_when_the_token_is_within_the_notice()
    {
        await using var server = await HeraldTestServer.StartAsync(new() { ["Herald:ExpiringNotice"] = "3600" });
        await using var client = await server.ConnectWelcomedAsync(server.TokenFor("alice", TimeSpan.FromMinutes(30)));

        var expiring = await client.NextOfTypeAsync("expiring", TimeSpan.FromSeconds(5));

        expiring.Long("in").ShouldBeInRange(1700, 1800);
    }

    [Fact]
    public async Task Expiring_is_not_sent_while_the_token_is_far_from_expiry()
    {
        // With a ping every second, each ping shows the monitor ticked over this connection.
        await using var server = await HeraldTestServer.StartAsync(new() { ["Herald:ExpiringNotice"] = "60", ["Herald:PingInterval"] = "1" });
        await using var client = await server.ConnectWelcomedAsync(server.TokenFor("bob", TimeSpan.FromHours(1)));

        var seen = new List<string?>();
        while (seen.Count(t => t == "ping") < 2)
        {
            seen.Add((await client.NextAsync(includePings: true)).Type());
        }

        seen.ShouldAllBe(t => t == "ping");
    }

    [Fact]
    public async Task A_token_that_expires_without_refresh_is_warned_then_gets_token_expired_and_4001()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.TokenFor("alice", TimeSpan.FromSeconds(4)));

        // exp has whole seconds, so the token lives 3 to 4 s: well past the monitor's first tick, which warns.
        var expiring = await client.NextOfTypeAsync("expiring");
        expiring.Long("in").ShouldBeInRange(1, 4);
        var error = await client.NextAsync();

        error.Type().ShouldBe("error", error.GetRawText());
        error.Str("code").ShouldBe("TOKEN_EXPIRED");
        error.Has("id").ShouldBeFalse();
        (await client.WaitClosedAsync()).Code.ShouldBe(4001);
    }
}
