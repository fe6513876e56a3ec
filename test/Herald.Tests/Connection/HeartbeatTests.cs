using Herald.Protocol;

namespace Herald.Tests.Connection;

public sealed class HeartbeatTests
{
    private static readonly Dictionary<string, string?> Fast = new() { ["Herald:PingInterval"] = "1", ["Herald:HeartbeatGrace"] = "0" };

    // Pings every second, but 4 s of silence allowed: a pong held up a second or two by a busy
    // machine (CI runs the test assemblies in parallel on two cores) must not count as silence.
    private static readonly Dictionary<string, string?> FastWithGrace = new() { ["Herald:PingInterval"] = "1", ["Herald:HeartbeatGrace"] = "2" };

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
        await using var server = await HeraldTestServer.StartAsync(FastWithGrace);
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));

        // Eight pings answered spans well past the 4 s silence limit.
        for (var i = 0; i < 8; i++)
        {
            await client.NextOfTypeAsync("ping", TimeSpan.FromSeconds(5));
            await client.SendAsync(new { type = "pong" });
        }

        client.Closed.IsCompleted.ShouldBeFalse();
        await client.SendAsync(new { type = "ping", id = "alive" });
        (await client.NextOfTypeAsync("pong")).Str("id").ShouldBe("alive");
    }
}
