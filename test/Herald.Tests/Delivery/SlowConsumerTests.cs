using Herald.Diagnostics;
using Herald.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Delivery;

public sealed class SlowConsumerTests
{
    [Fact]
    public async Task A_client_that_stops_reading_is_closed_with_4008_and_nobody_else_notices()
    {
        const int events = 400;
        await using var server = await HeraldTestServer.StartAsync(new() { ["Herald:SendQueueCapacity"] = "16" });
        var counters = server.Services.GetRequiredService<HeraldCounters>();
        await using var slow = await server.ConnectWelcomedAsync(server.Token("slow"));
        await using var fast = await server.ConnectWelcomedAsync(server.Token("fast"));
        foreach (var client in new[] { slow, fast })
        {
            await client.SendAsync(new { type = "subscribe", channel = "public:flood" });
            await client.NextOfTypeAsync("subscribed");
        }

        await slow.PauseReadingAsync();
        var pad = new string('x', 32 * 1024);

        // 12.8 MB: more than loopback's socket buffers hold, so the slow queue must overflow.
        // The fast client keeps pace (it reads every batch of 8 before the next is published).
        var received = new List<long>();
        for (var i = 1; i <= events; i++)
        {
            var result = await server.PublishAsync("public:flood", "bulk", new { i, pad });
            result.Offset.ShouldBe(i);
            if (i % 8 == 0)
            {
                received.AddRange((await fast.CollectAsync("event", 8)).Select(e => e.Long("offset")));
            }
        }

        received.ShouldBe(Enumerable.Range(1, events).Select(i => (long)i));

        await Eventually.TrueAsync(() => counters.SlowConsumerCloses == 1, "the slow consumer to be closed");
        slow.ResumeReading();
        (await slow.WaitClosedAsync()).Code.ShouldBe(CloseCodes.SlowConsumer);

        await server.PublishAsync("public:flood", "after");
        (await fast.NextOfTypeAsync("event")).Str("event").ShouldBe("after");
    }
}
