using System.Diagnostics;
using System.Net;
using TaskService.Tests.Support;

namespace TaskService.Tests.Security;

/// <summary>Seed 003's "Redis backend": with <c>TaskService:Redis</c> two instances on one database count a key's limits together.</summary>
public sealed class SharedLimitTests : IAsyncLifetime
{
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task A_key_allowed_N_requests_a_second_gets_N_across_two_instances_not_2N()
    {
        const int PerSecond = 2;
        var (a, b) = await StartTwoAsync();
        await using var first = a;
        await using var second = b;
        var limited = await first.CreateKeyAsync("alice", requestsPerSecond: PerSecond);

        var clock = Stopwatch.StartNew();
        // All at once, so they arrive faster than either instance alone would refill: counted apart, they would pass 2N + 2N x elapsed.
        var statuses = await Task.WhenAll(new[] { first, second }.SelectMany(host => Enumerable.Range(0, 15 * PerSecond).Select(async _ =>
        {
            using var response = await host.SendAsync(HttpMethod.Get, "/api/tasks/1", limited);
            return response.StatusCode;
        })));
        var elapsed = clock.Elapsed.TotalSeconds;

        var all = statuses.ToList();
        all.ShouldAllBe(s => s == HttpStatusCode.NotFound || s == HttpStatusCode.TooManyRequests);
        var served = all.Count(s => s == HttpStatusCode.NotFound);
        served.ShouldBeGreaterThanOrEqualTo(PerSecond);
        served.ShouldBeLessThanOrEqualTo((int)Math.Ceiling(PerSecond * (1 + elapsed)), $"{served} served in {elapsed:N2} s");
    }

    [Fact]
    public async Task The_connection_over_the_per_IP_limit_is_refused_by_the_other_instance_too()
    {
        var (a, b) = await StartTwoAsync(new() { ["Herald:MaxConnectionsPerIp"] = "2" });
        await using var first = a;
        await using var second = b;
        var alice = await first.CreateKeyAsync("alice");

        await using var one = await first.ConnectWelcomedAsync(alice);
        await using var two = await first.ConnectWelcomedAsync(alice);

        (await ConnectionLimitTests.RefusedStatusAsync(second.WebSocketUri("api_key=" + Uri.EscapeDataString(alice.Key)))).ShouldBe(HttpStatusCode.TooManyRequests);
    }

    /// <summary>Two instances of the service on one database and one Redis, as behind a load balancer.</summary>
    private async Task<(TaskServiceHost A, TaskServiceHost B)> StartTwoAsync(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(extra ?? []) { ["TaskService:Redis"] = _redis.ConnectionString };
        var a = await TaskServiceHost.StartAsync(settings);
        return (a, await TaskServiceHost.StartAsync(settings, a.DataDirectory));
    }
}
