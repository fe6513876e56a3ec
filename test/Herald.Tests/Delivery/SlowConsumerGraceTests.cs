using System.Text.Json;
using Herald.Diagnostics;
using Herald.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Herald.Tests.Delivery;

/// <summary>
/// A client that stops reading, played by a bare socket with a small receive buffer: the server's
/// send stalls behind the closed TCP window, its queue overflows, and it closes with 4008.
/// </summary>
public sealed class SlowConsumerGraceTests
{
    private const string Channel = "public:flood";
    private static readonly string Pad = new('x', 32 * 1024);

    [Fact]
    public async Task A_reader_that_resumes_after_a_long_stall_reads_the_4008_close()
    {
        // The abort after the grace is a timer on the server's clock: a fake one lets the stall last
        // 10 s without the test waiting them out.
        var clock = new WatchedTimeProvider();
        await using var server = await HeraldTestServer.StartAsync(
            new() { ["Herald:SendQueueCapacity"] = "16" }, services => services.AddSingleton<TimeProvider>(clock));
        var counters = server.Services.GetRequiredService<HeraldCounters>();
        await using var stalled = await SubscribeRawAsync(server);

        var published = await FloodUntilSlowConsumerAsync(server, counters);

        // The stall: longer than the 5 s after which the server used to abort, within the 30 s grace.
        clock.Advance(TimeSpan.FromSeconds(10));
        var frames = await stalled.ReadToEndAsync();

        var last = frames.LastOrDefault();
        last.ShouldNotBeNull("the connection was reset before a single frame was read: the client saw 1006");
        last.IsClose.ShouldBeTrue($"the connection ended without a close frame, so the client saw 1006; last of {frames.Count} frames: {last}");
        last.CloseCode.ShouldBe(CloseCodes.SlowConsumer);

        // What did arrive is a gapless prefix: the queued rest was dropped, for a resume with since.
        var offsets = EventOffsets(frames);
        offsets.Count.ShouldBeLessThan(published);
        offsets.ShouldBe(Enumerable.Range(1, offsets.Count).Select(i => (long)i));
    }

    [Fact]
    public async Task Healthy_subscribers_get_every_event_while_a_stalled_one_is_being_closed()
    {
        const int after = 200;
        await using var server = await HeraldTestServer.StartAsync(new() { ["Herald:SendQueueCapacity"] = "16" });
        var counters = server.Services.GetRequiredService<HeraldCounters>();
        await using var healthy = await server.ConnectWelcomedAsync(server.Token("healthy"));
        await healthy.SendAsync(new { type = "subscribe", channel = Channel });
        await healthy.NextOfTypeAsync("subscribed");
        await using var stalled = await SubscribeRawAsync(server);

        // The healthy client keeps pace (it has each event before the next is published), so only
        // the stalled one can overflow a queue of 16.
        var received = new List<long>();
        var published = await FloodUntilSlowConsumerAsync(server, counters, async () => received.Add((await healthy.NextOfTypeAsync("event")).Long("offset")));
        for (var i = 0; i < after; i++)
        {
            await server.PublishAsync(Channel, "after", new { i });
        }

        received.AddRange((await healthy.CollectAsync("event", after, TimeSpan.FromSeconds(30))).Select(e => e.Long("offset")));
        received.ShouldBe(Enumerable.Range(1, published + after).Select(i => (long)i));

        // All of that happened while the stalled connection was still in its grace, not after it was gone.
        counters.Connections.ShouldBe(2);
        counters.SlowConsumerCloses.ShouldBe(1);
    }

    [Fact]
    public async Task A_reader_that_never_resumes_is_aborted_after_the_grace()
    {
        var clock = new WatchedTimeProvider();
        await using var server = await HeraldTestServer.StartAsync(
            new()
            {
                ["Herald:SendQueueCapacity"] = "16",
                ["Herald:SlowConsumerCloseGrace"] = "00:00:02",
            },
            services => services.AddSingleton<TimeProvider>(clock));
        var counters = server.Services.GetRequiredService<HeraldCounters>();
        await using var stalled = await SubscribeRawAsync(server);

        await FloodUntilSlowConsumerAsync(server, counters);
        clock.Advance(TimeSpan.FromSeconds(2));

        await Eventually.TrueAsync(() => counters.Connections == 0, "the stalled connection to be aborted");
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:01")]
    [InlineData("02:00:00")]
    public async Task A_grace_out_of_range_fails_start_up(string grace)
    {
        var failure = await Should.ThrowAsync<OptionsValidationException>(() =>
            HeraldTestServer.StartAsync(new() { ["Herald:SlowConsumerCloseGrace"] = grace }));
        failure.Message.ShouldContain("SlowConsumerCloseGrace");
    }

    private static async Task<RawWebSocketClient> SubscribeRawAsync(HeraldTestServer server)
    {
        var client = await RawWebSocketClient.ConnectAsync(server.WebSocketUri(query: "token=" + Uri.EscapeDataString(server.Token("stalled"))), receiveBufferSize: 4096);
        await client.ReadMessagesUntilAsync("\"welcome\"");
        await client.SendTextAsync(JsonSerializer.Serialize(new { type = "subscribe", channel = Channel }));
        await client.ReadMessagesUntilAsync("\"subscribed\"");
        return client;
    }

    /// <summary>Publishes large events until the server declares the stalled reader a slow consumer; returns how many.</summary>
    private static async Task<int> FloodUntilSlowConsumerAsync(HeraldTestServer server, HeraldCounters counters, Func<Task>? afterEach = null)
    {
        for (var i = 1; i <= 2000; i++)
        {
            (await server.PublishAsync(Channel, "bulk", new { i, pad = Pad })).Offset.ShouldBe(i);
            if (afterEach is not null)
            {
                await afterEach();
            }

            if (counters.SlowConsumerCloses > 0)
            {
                return i;
            }
        }

        throw new InvalidOperationException("2000 events of 32 KB did not overflow the stalled reader's queue.");
    }

    private static List<long> EventOffsets(List<RawFrame> frames) =>
        [.. frames.Where(f => f.Opcode == RawFrame.TextOpcode)
            .SelectMany(f => f.Text.Split('\n'))
            .Select(m => JsonDocument.Parse(m).RootElement)
            .Where(m => m.Type() == "event")
            .Select(m => m.Long("offset"))];
}
