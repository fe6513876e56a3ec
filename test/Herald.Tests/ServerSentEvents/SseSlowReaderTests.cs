using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Herald.Diagnostics;
using Herald.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.ServerSentEvents;

/// <summary>
/// A stream reader that stops reading, played by a bare socket with a small receive buffer (no HTTP
/// client library, which would keep reading into its own buffers): the server's writes stall behind
/// the closed TCP window, the send queue overflows, and the stream ends with §8's 4008 as its last
/// message, while a healthy stream on the same channel misses nothing.
/// </summary>
public sealed class SseSlowReaderTests
{
    private const string Channel = "public:flood";
    private static readonly string Pad = new('x', 32 * 1024);

    [Fact]
    public async Task A_stalled_stream_ends_with_a_4008_close_message_and_a_healthy_one_gets_every_event()
    {
        // The abort after the grace is a timer on the server's clock: a fake one lets the stall last
        // 10 s without the test waiting them out.
        var clock = new WatchedTimeProvider();
        await using var server = await HeraldTestServer.StartAsync(
            new() { ["Herald:SendQueueCapacity"] = "16" }, services => services.AddSingleton<TimeProvider>(clock));
        var counters = server.Services.GetRequiredService<HeraldCounters>();
        await using var healthy = await SseStreamTests.OpenAsync(server, server.Token("healthy"), "channel=" + Channel);
        await healthy.NextOfTypeAsync("subscribed");
        var stalled = await OpenStalledAsync(server);
        using var socket = stalled.Socket;

        var received = new List<long>();
        var published = 0;
        while (counters.SlowConsumerCloses == 0)
        {
            published++;
            (await server.PublishAsync(Channel, "bulk", new { i = published, pad = Pad })).Offset.ShouldBe(published);
            received.Add((await healthy.NextAsync()).Json.Long("offset"));
            published.ShouldBeLessThan(2000, "2000 events of 32 KB did not overflow the stalled reader's queue");
        }

        await server.PublishAsync(Channel, "after", new { });
        (await healthy.NextAsync()).Event.ShouldBe("after");
        received.ShouldBe(Enumerable.Range(1, published).Select(i => (long)i));

        // Longer than a close handshake, within the slow-consumer grace: the reader comes back.
        clock.Advance(TimeSpan.FromSeconds(10));
        var messages = await ReadToEndAsync(stalled);

        var last = messages.LastOrDefault();
        last.ValueKind.ShouldBe(JsonValueKind.Object, "the stream ended before a single message was read");
        last.Type().ShouldBe("close");
        last.GetProperty("code").GetInt32().ShouldBe(CloseCodes.SlowConsumer);

        // What did arrive is a gapless prefix, so the browser's Last-Event-ID resume fills the rest.
        var offsets = messages.Where(m => m.Type() == "event").Select(m => m.Long("offset")).ToList();
        offsets.Count.ShouldBeLessThan(published);
        offsets.ShouldBe(Enumerable.Range(1, offsets.Count).Select(i => (long)i));
    }

    private static async Task<(Socket Socket, MemoryStream Received)> OpenStalledAsync(HeraldTestServer server)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await socket.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
        var request = $"GET /ws/events?channel={Channel} HTTP/1.1\r\nHost: {server.BaseAddress.Authority}\r\n" +
            $"Authorization: Bearer {server.Token("stalled")}\r\nAccept: text/event-stream\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(request));

        // Read up to the subscription, then stop reading.
        var received = new MemoryStream();
        var buffer = new byte[1024];
        while (!Encoding.UTF8.GetString(received.ToArray()).Contains("\"subscribed\"", StringComparison.Ordinal))
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory()).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            n.ShouldBeGreaterThan(0, "the stream ended before its subscribed message");
            received.Write(buffer, 0, n);
        }

        return (socket, received);
    }

    /// <summary>Every JSON message of the whole response: the rest read to its end, de-chunked, its data: lines parsed.</summary>
    private static async Task<List<JsonElement>> ReadToEndAsync((Socket Socket, MemoryStream Received) stream)
    {
        var buffer = new byte[64 * 1024];
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            int n;
            try
            {
                n = await stream.Socket.ReceiveAsync(buffer, deadline.Token);
            }
            catch (SocketException)
            {
                break;
            }
            catch (OperationCanceledException)
            {
                throw new ShouldAssertException($"the response did not end within 30 s of the reader coming back ({stream.Received.Length} bytes read)");
            }

            if (n == 0)
            {
                break;
            }

            stream.Received.Write(buffer, 0, n);

            // The last chunk ends the response; the connection itself stays open for the next request.
            if (stream.Received.GetBuffer().AsSpan(0, (int)stream.Received.Length).EndsWith("\r\n0\r\n\r\n"u8))
            {
                break;
            }
        }

        var body = Dechunk(stream.Received.ToArray());
        return [.. Encoding.UTF8.GetString(body).Split('\n')
            .Where(line => line.StartsWith("data: ", StringComparison.Ordinal))
            .Select(line => JsonDocument.Parse(line["data: ".Length..]).RootElement)];
    }

    // HTTP/1.1 chunked transfer coding (RFC 9112 §7.1): Kestrel splits a large event over several
    // chunks, so the body is reassembled before its lines are read. A stream cut mid-chunk keeps
    // what did arrive.
    private static byte[] Dechunk(byte[] response)
    {
        var text = Encoding.ASCII.GetString(response);
        var at = text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
        text.ShouldContain("Transfer-Encoding: chunked");
        var body = new MemoryStream();
        while (at < response.Length)
        {
            var lineEnd = text.IndexOf("\r\n", at, StringComparison.Ordinal);
            if (lineEnd < 0)
            {
                break;
            }

            var size = Convert.ToInt32(text[at..lineEnd], 16);
            if (size == 0)
            {
                break;
            }

            var start = lineEnd + 2;
            var take = Math.Min(size, response.Length - start);
            body.Write(response, start, take);
            at = start + size + 2;
        }

        return body.ToArray();
    }
}
