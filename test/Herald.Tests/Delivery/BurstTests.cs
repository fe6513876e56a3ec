using Herald.Diagnostics;
using Herald.Sources;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Delivery;

public sealed class BurstTests
{
    [Fact]
    public async Task A_burst_longer_than_the_send_queue_reaches_an_idle_reader_whole_without_4008()
    {
        // The hub queues up to a batch of 64 per recipient before it flushes: with a queue of 16 an
        // idle, fast reader must not be mistaken for a slow consumer.
        const int burst = 200;
        await using var server = await HeraldTestServer.StartAsync(new() { ["Herald:SendQueueCapacity"] = "16" });
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));
        await client.SendAsync(new { type = "subscribe", channel = "public:burst" });
        await client.NextOfTypeAsync("subscribed");

        var batch = Enumerable.Range(1, burst).Select(i => PublishRequest.Create("public:burst", "tick", new { i })).ToList();
        await server.Services.GetRequiredService<IHeraldPublisher>().PublishBatchAsync(batch);

        var events = await client.CollectAsync("event", burst);
        events.Select(e => e.Long("offset")).ShouldBe(Enumerable.Range(1, burst).Select(i => (long)i));
        server.Services.GetRequiredService<HeraldCounters>().SlowConsumerCloses.ShouldBe(0);
    }
}
