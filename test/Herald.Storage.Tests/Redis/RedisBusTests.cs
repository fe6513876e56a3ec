using Herald.Log;
using Herald.Storage.Redis;
using Herald.Storage.Redis.Bus;
using Herald.Storage.Redis.Log;
using Herald.Storage.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Herald.Storage.Tests.Redis;

/// <summary>One node's bus, reaching Redis through a relay; another node publishes directly.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisBusTests(RedisFixture redis)
{
    private const string Channel = "public:bus";

    [Fact]
    public async Task A_bus_that_missed_notifications_while_its_connection_was_silent_delivers_them_from_the_log_before_anything_later()
    {
        var prefix = RedisServer.NewPrefix("bus");
        await using var relay = new TcpRelay(redis.Server.Uri);
        var options = new RedisOptions
        {
            ConnectionString = $"127.0.0.1:{relay.Port}",
            KeyPrefix = prefix,
            ProbeInterval = TimeSpan.FromMilliseconds(200),
            ProbeTimeout = TimeSpan.FromSeconds(1),
        };
        await using var connections = new RedisConnections(Options.Create(options), NullLogger<RedisConnections>.Instance);
        var cursors = new DeliveryCursors();
        var log = new RedisEventLog(connections, cursors, TimeProvider.System, NullLogger<RedisEventLog>.Instance);
        await using var bus = new RedisEventBus(connections, cursors, TimeProvider.System, NullLogger<RedisEventBus>.Instance);
        var (publisher, publisherConnections) = RedisLogFactory.Open([redis.Server], prefix: prefix);
        await using var _ = publisherConnections;

        // A subscriber on this node stands at the head; the bus delivers from there.
        (await log.ReadHeadAsync(Channel, default)).LastOffset.ShouldBe(0);
        using var stop = new CancellationTokenSource();
        var received = new List<long>();
        var reading = Task.Run(async () =>
        {
            await foreach (var entry in bus.ReadAllAsync(stop.Token))
            {
                lock (received)
                {
                    received.Add(entry.Offset);
                }
            }
        });
        await Eventually.TrueAsync(async () => await bus.IsHealthyAsync(default), "the bus to subscribe");
        await AppendAsync(publisher, 1, 5);
        await Eventually.TrueAsync(() => Count(received) == 5, "the first 5 events live");

        relay.Freeze();
        await Eventually.TrueAsync(async () => !await bus.IsHealthyAsync(default), "the bus to notice its silent connection");
        await AppendAsync(publisher, 6, 10);
        relay.Thaw();

        // No later publish is needed to repair: the bus reads back what moved while it was cut off.
        await Eventually.TrueAsync(() => Count(received) == 10, "the 5 missed events, read back from the log");
        await AppendAsync(publisher, 11, 11);
        await Eventually.TrueAsync(() => Count(received) == 11, "the next event live");
        await stop.CancelAsync();
        try
        {
            await reading;
        }
        catch (OperationCanceledException)
        {
            // The reader was stopped; what it received is judged below.
        }

        lock (received)
        {
            received.ShouldBe(Enumerable.Range(1, 11).Select(i => (long)i), "each once, in order, no gap");
        }
    }

    private static async Task AppendAsync(IEventLog log, int from, int to)
    {
        for (var n = from; n <= to; n++)
        {
            var data = System.Text.Encoding.UTF8.GetBytes($"{{\"n\":{n}}}");
            await log.AppendAsync([new AppendRequest(Channel, "tick", data, null, false, null, ChannelRetention.Default)], default);
        }
    }

    private static int Count(List<long> received)
    {
        lock (received)
        {
            return received.Count;
        }
    }
}
