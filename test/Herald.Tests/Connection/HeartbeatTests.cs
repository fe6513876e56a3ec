using Herald.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Connection;

/// <summary>
/// The heartbeat on a fake clock: the monitor ticks only when the test advances time, one
/// second a step, and each step is observed (a ping, or the close) before the next, so the
/// silence the server measures is exactly the time the test moved.
/// </summary>
public sealed class HeartbeatTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task The_server_pings_a_silent_client_and_closes_it_with_4000_once_silence_passes_twice_the_interval_plus_grace()
    {
        // 2 × 1 s + 2 s: silent through 4 s is allowed, 5 s is not.
        var (server, clock) = await StartAsync(pingInterval: 1, grace: 2);
        await using var _ = server;
        await using var client = await server.ConnectAsync(server.Token("alice"));
        (await client.NextOfTypeAsync("welcome")).Long("ping_interval").ShouldBe(1);

        for (var second = 1; second <= 4; second++)
        {
            clock.Advance(Step);
            await client.NextOfTypeAsync("ping");
            client.Closed.IsCompleted.ShouldBeFalse($"closed after {second} s of silence");
        }

        clock.Advance(Step);
        (await client.WaitClosedAsync()).Code.ShouldBe(CloseCodes.HeartbeatTimeout);
    }

    [Fact]
    public async Task A_client_that_answers_pings_stays_connected()
    {
        // No grace: 2 s of silence is the most allowed; the test runs five times that.
        var (server, clock) = await StartAsync(pingInterval: 1, grace: 0);
        await using var _ = server;
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));

        for (var second = 1; second <= 10; second++)
        {
            clock.Advance(Step);
            await client.NextOfTypeAsync("ping");
            await client.SendAsync(new { type = "pong" });

            // The server reads in order: its answer to this ping means it has read the pong,
            // so the clock never moves past a pong the server has not seen yet.
            await client.SendAsync(new { type = "ping", id = $"s{second}" });
            (await client.NextOfTypeAsync("pong")).Str("id").ShouldBe($"s{second}");
        }

        client.Closed.IsCompleted.ShouldBeFalse();
    }

    private static async Task<(HeraldTestServer Server, WatchedTimeProvider Clock)> StartAsync(int pingInterval, int grace)
    {
        var clock = new WatchedTimeProvider();
        var monitorRunning = clock.TimerCreatedBy("HeartbeatMonitor");
        var settings = new Dictionary<string, string?>
        {
            ["Herald:PingInterval"] = pingInterval.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Herald:HeartbeatGrace"] = grace.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var server = await HeraldTestServer.StartAsync(settings, services => services.AddSingleton<TimeProvider>(clock));
        await monitorRunning.WaitAsync(TestClient.DefaultTimeout);
        return (server, clock);
    }
}
