using Herald.Protocol;

namespace Herald.Tests.Connection;

public sealed class HeartbeatTests
{
    private static readonly Dictionary<string, string?> Fast = new() { ["Herald:PingInterval"] = "1", ["Herald:HeartbeatGrace"] = "0" };

    [Fact]
    public async Task The_server_pings_and_closes_a_silent_client_with_4000()
    {
        await using var server = await HeraldTestServer.StartAsync(Fast);
        await using var client = await server.ConnectAsync(server.Token("alice"));
        (await client.NextOfTypeAsync("welcome")).Long("ping_interval").ShouldBe(1);

        await client.NextOfTypeAsync("ping", TimeSpan.FromSeconds(5));

        (await client.WaitClosedAsync(TimeSpan.FromSeconds(10))).Code.ShouldBe(CloseCodes.HeartbeatTimeout);
    }

    [Fact]
    public async Task A_client_that_answers_pings_stays_connected()
    {
        await using var server = await HeraldTestServer.StartAsync(Fast);
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));

        // Five pings answered spans well past the 2 s silence limit.
        for (var i = 0; i < 5; i++)
        {
            await client.NextOfTypeAsync("ping", TimeSpan.FromSeconds(5));
            await client.SendAsync(new { type = "pong" });
        }

        client.Closed.IsCompleted.ShouldBeFalse();
        await client.SendAsync(new { type = "ping", id = "alive" });
        (await client.NextOfTypeAsync("pong")).Str("id").ShouldBe("alive");
    }
}
