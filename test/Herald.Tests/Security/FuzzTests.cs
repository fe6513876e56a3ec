using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using Herald.Protocol;

namespace Herald.Tests.Security;

/// <summary>Random and mutated frames: answered or closed, never a crash, and nobody else notices.</summary>
public sealed class FuzzTests
{
    private static readonly string[] Seeds =
    [
        """{"type":"subscribe","id":1,"channel":"public:f","events":["a.*"],"since":{"epoch":"e","offset":3},"snapshot":true}""",
        """{"type":"unsubscribe","id":"x","channel":"public:f"}""",
        """{"type":"ping","id":2}""",
        """{"type":"pong"}""",
        """{"type":"refresh","id":3,"token":"abc.def.ghi"}""",
        """{"type":"subscribe","id":4,"channel":"admin:ops"}""",
    ];

    [Fact]
    public void The_parser_never_throws()
    {
        var rng = new Random(42);
        for (var i = 0; i < 30_000; i++)
        {
            var frame = Mutate(rng);
            var input = new ReadOnlySequence<byte>(frame);
            if (ClientMessageParser.TryParse(ref input, out var message, out var error))
            {
                message.ShouldNotBeNull();
                switch (message)
                {
                    case SubscribeMessage subscribe:
                        subscribe.Channel.ShouldNotBeNull();
                        break;
                    case UnsubscribeMessage unsubscribe:
                        unsubscribe.Channel.ShouldNotBeNull();
                        break;
                }
            }
            else
            {
                error.Code.ShouldBeOneOf(ErrorCodes.BadRequest, ErrorCodes.UnknownType);
            }
        }
    }

    [Fact]
    public async Task The_server_answers_or_closes_the_offender_and_other_clients_keep_receiving()
    {
        const int events = 200;
        await using var server = await HeraldTestServer.StartAsync();
        await using var observer = await server.ConnectWelcomedAsync(server.Token("observer"));
        await observer.SendAsync(new { type = "subscribe", channel = "public:f" });
        await observer.NextOfTypeAsync("subscribed");

        var rng = new Random(7);
        var token = server.Token("fuzzer");
        var fuzzer = await server.ConnectAsync(token);
        var reconnects = 0;
        for (var i = 0; i < 2000; i++)
        {
            if (i % 10 == 0)
            {
                await server.PublishAsync("public:f", "tick", new { i });
            }

            try
            {
                var frame = Mutate(rng);
                if (rng.Next(20) == 0)
                {
                    await fuzzer.SendBinaryAsync(frame);
                }
                else
                {
                    await fuzzer.SendTextAsync(Encoding.UTF8.GetString(frame));
                }
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException)
            {
                await fuzzer.DisposeAsync();
                fuzzer = await server.ConnectAsync(token);
                reconnects++;
            }
        }

        await fuzzer.DisposeAsync();
        var received = await observer.CollectAsync("event", events);
        received.Select(e => e.Long("offset")).ShouldBe(Enumerable.Range(1, events).Select(i => (long)i));
        (await server.Http.GetAsync("/health/live")).IsSuccessStatusCode.ShouldBeTrue();
        await using var fresh = await server.ConnectWelcomedAsync(token);
        await fresh.SendAsync(new { type = "ping", id = "ok" });
        (await fresh.NextOfTypeAsync("pong")).Str("id").ShouldBe("ok");
        reconnects.ShouldBeGreaterThan(0, "the bad-message budget should have closed the fuzzer at least once");
    }

    private static byte[] Mutate(Random rng)
    {
        if (rng.Next(5) == 0)
        {
            var noise = new byte[rng.Next(0, 300)];
            rng.NextBytes(noise);
            return noise;
        }

        var bytes = Encoding.UTF8.GetBytes(Seeds[rng.Next(Seeds.Length)]).ToList();
        for (var m = rng.Next(1, 4); m > 0 && bytes.Count > 0; m--)
        {
            var at = rng.Next(bytes.Count);
            switch (rng.Next(6))
            {
                case 0: bytes[at] = (byte)rng.Next(256); break;
                case 1: bytes.RemoveAt(at); break;
                case 2: bytes.Insert(at, (byte)"{}[]\":,0-e\\"[rng.Next(11)]); break;
                case 3: bytes.RemoveRange(at, bytes.Count - at); break;
                case 4: bytes.InsertRange(at, Encoding.UTF8.GetBytes(new string('[', rng.Next(1, 40)))); break;
                default: bytes.InsertRange(at, Encoding.UTF8.GetBytes("\"id\":99999999999999999999999,")); break;
            }
        }

        return [.. bytes];
    }
}
