using System.Net;
using StorageService.Api;
using StorageService.Data;
using StorageService.Tests.Support;

namespace StorageService.Tests;

/// <summary>
/// The sample on Redis by configuration alone, as seed 000 runs it: two instances of the service
/// on one redis-server, each with its own database; a change made through one reaches a
/// dashboard connected to the other, and the event is in Redis's log.
/// </summary>
public sealed class RedisStoreTests : IAsyncLifetime
{
    private readonly string _prefix = RedisServer.NewPrefix("storage");
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task A_change_through_one_instance_reaches_a_monitor_on_the_other_through_Redis()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Herald:Store"] = "redis",
            ["Herald:Redis:ConnectionString"] = _redis.ConnectionString,
            ["Herald:Redis:KeyPrefix"] = _prefix,
        };
        await using var one = await StorageServer.StartAsync(settings);
        await using var two = await StorageServer.StartAsync(settings);
        await using var monitor = await two.MonitorAsync(two.Token("viewer", Matrix.Locations));
        (await monitor.NextOfTypeAsync("welcome")).Str("user").ShouldBe("viewer");
        (await monitor.NextOfTypeAsync("subscribed")).Str("channel").ShouldBe(StoragePublishing.Channel);

        var bucket = await one.SendAsync(HttpMethod.Post, "/storage/locations", one.Token("writer", StorageAttributes.All), new { name = "Bucket A", source = "minio" }, HttpStatusCode.Created);

        var created = await monitor.NextOfTypeAsync("event", TimeSpan.FromSeconds(15));
        (created.Str("event"), created.Str("key")).ShouldBe(("location.created", $"location:{bucket.Str("uuid")}"));
        (await _redis.CommandAsync("XLEN", $"{_prefix}{{{StoragePublishing.Channel}}}:events")).ShouldBe("1");
    }
}
