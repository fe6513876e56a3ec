using System.Globalization;
using System.Text;
using System.Text.Json;
using Herald.Diagnostics;
using Herald.Sources;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Delivery;

/// <summary>
/// Coalescing as a stalled reader sees it: while the server's send is blocked behind a closed TCP
/// window, what queues up goes out joined by '\n', as many whole messages per frame as fit in
/// MaxCoalescedBytes, in order; only a message larger than the limit gets a frame of its own.
/// </summary>
public sealed class CoalescingTests
{
    private const string Channel = "public:burst";
    private const int Limit = 1024;
    private const int Burst = 300;
    private const int FillerBytes = 32 * 1024;
    private const int SendBuffer = 16 * 1024;
    private const int ReceiveBuffer = 128 * 1024;

    [Fact]
    public async Task Messages_queued_behind_a_stalled_reader_arrive_packed_into_frames_of_at_most_MaxCoalescedBytes()
    {
        await using var server = await HeraldTestServer.StartAsync(
            new()
            {
                ["Herald:MaxCoalescedBytes"] = Limit.ToString(CultureInfo.InvariantCulture),
                ["Herald:SendQueueCapacity"] = "4096",
            },
            SmallSendBuffers);
        var counters = server.Services.GetRequiredService<HeraldCounters>();
        var publisher = server.Services.GetRequiredService<IHeraldPublisher>();
        await using var reader = await RawWebSocketClient.ConnectAsync(
            server.WebSocketUri(query: "token=" + Uri.EscapeDataString(server.Token("alice"))), receiveBufferSize: ReceiveBuffer);
        await reader.ReadMessagesUntilAsync("\"welcome\"");
        await reader.SendTextAsync(JsonSerializer.Serialize(new { type = "subscribe", channel = Channel }));
        await reader.ReadMessagesUntilAsync("\"subscribed\"");

        // The stall: about twice the filler that the sockets' buffers (the kernel doubles both sizes)
        // and Kestrel's output pipe hold, some 350 KiB, so the server's send blocks on a filler
        // and the burst is all queued before any of it is taken. Each filler is over the limit,
        // so it is a frame alone.
        const int fillers = 24;
        var pad = new string('x', FillerBytes);
        await publisher.PublishBatchAsync([.. Enumerable.Range(1, fillers).Select(i => PublishRequest.Create(Channel, "filler", new { i, pad }))]);

        // Small messages of varied length, and one over the limit in the middle.
        var burst = Enumerable.Range(1, Burst).Select(i => PublishRequest.Create(
            Channel, "tick", new { i, pad = new string('y', i == Burst / 2 ? 2 * Limit : i % 40) })).ToList();
        await publisher.PublishBatchAsync(burst);
        await Eventually.TrueAsync(() => counters.DispatchCaughtUp, "every event queued for the reader");
        counters.BytesSent.ShouldBeLessThan((long)fillers * FillerBytes, "the server's send should still be blocked on the fillers");

        var frames = await ReadEventFramesAsync(reader, fillers + Burst);

        var events = frames.SelectMany(f => f).Select(m => JsonDocument.Parse(m).RootElement).Where(m => m.Type() == "event");
        events.Select(e => e.Long("offset"))
            .ShouldBe(Enumerable.Range(1, fillers + Burst).Select(i => (long)i), "every event, once, in order");
        foreach (var frame in frames)
        {
            var bytes = FrameBytes(frame);
            (bytes <= Limit || frame.Count == 1).ShouldBeTrue($"a frame of {bytes} bytes with {frame.Count} messages exceeds {Limit}");
        }

        // Packed: each frame of the burst took as many queued messages as fit, so the next one's
        // first message would have pushed it over the limit.
        var ticks = frames.Where(f => f.Any(m => m.Contains("\"tick\"", StringComparison.Ordinal))).ToList();
        ticks.Count.ShouldBeLessThan(Burst / 5, "the burst should share frames");
        for (var k = 0; k + 1 < ticks.Count; k++)
        {
            var room = Limit - FrameBytes(ticks[k]);
            (Encoding.UTF8.GetByteCount(ticks[k + 1][0]) + 1).ShouldBeGreaterThan(room, $"frame {k} of the burst left room for the next message");
        }
    }

    /// <summary>Reads text frames until <paramref name="events"/> events came; each frame as its '\n'-separated messages.</summary>
    private static async Task<List<List<string>>> ReadEventFramesAsync(RawWebSocketClient reader, int events)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var frames = new List<List<string>>();
        var seen = 0;
        while (seen < events)
        {
            var frame = await reader.ReadFrameAsync(deadline.Token) ?? throw new InvalidOperationException($"The connection ended after {seen} of {events} events.");
            if (frame.Opcode != RawFrame.TextOpcode)
            {
                continue;
            }

            // Every part parses on its own: no message was split across frames. A heartbeat ping
            // may share a frame; it is queued like any message, so it stays and counts toward the size.
            var parts = frame.Text.Split('\n');
            var types = parts.Select(p => JsonDocument.Parse(p).RootElement.Type()).ToList();
            types.ShouldAllBe(t => t == "event" || t == "ping", frame.Text);
            frames.Add([.. parts]);
            seen += types.Count(t => t == "event");
        }

        return frames;
    }

    private static int FrameBytes(List<string> messages) => messages.Sum(m => Encoding.UTF8.GetByteCount(m)) + messages.Count - 1;

    /// <summary>
    /// A fixed send buffer on the listening socket, which accepted sockets inherit: left to
    /// itself Linux grows it to megabytes (tcp_wmem), and the stall would need that much filler.
    /// </summary>
    private static void SmallSendBuffers(IServiceCollection services) =>
        services.Configure<SocketTransportOptions>(o => o.CreateBoundListenSocket = endpoint =>
        {
            var socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
            socket.SendBufferSize = SendBuffer;
            return socket;
        });
}
