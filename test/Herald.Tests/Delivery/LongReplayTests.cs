using Herald.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Delivery;

/// <summary>A replay longer than the send queue waits for room instead of closing the client as a slow consumer.</summary>
public sealed class LongReplayTests
{
    [Fact]
    public async Task A_replay_twenty_times_the_send_queue_arrives_whole_and_in_order_then_goes_live()
    {
        const int history = 320;
        await using var server = await HeraldTestServer.StartAsync(new() { ["Herald:SendQueueCapacity"] = "16" });
        var counters = server.Services.GetRequiredService<HeraldCounters>();
        var first = await server.PublishAsync("public:long", "tick", new { i = 0 });
        for (var i = 1; i < history; i++)
        {
            await server.PublishAsync("public:long", "tick", new { i, pad = new string('x', 2048) });
        }

        await using var client = await server.ConnectWelcomedAsync(server.Token("late"));
        await client.SendAsync(new { type = "subscribe", channel = "public:long", since = new { epoch = first.Epoch, offset = 0 } });
        (await client.NextOfTypeAsync("subscribed")).GetProperty("recovered").GetBoolean().ShouldBeTrue();
        var replayed = await client.CollectAsync("event", history);
        replayed.Select(e => e.Long("offset")).ShouldBe(Enumerable.Range(1, history).Select(i => (long)i));

        await server.PublishAsync("public:long", "live");
        var live = await client.NextOfTypeAsync("event");
        live.Str("event").ShouldBe("live");
        live.Long("offset").ShouldBe(history + 1);
        counters.SlowConsumerCloses.ShouldBe(0);
    }
}
