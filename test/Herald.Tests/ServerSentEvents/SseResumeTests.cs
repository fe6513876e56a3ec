namespace Herald.Tests.ServerSentEvents;

/// <summary>PROTOCOL.md §9 and §5 on a stream: Last-Event-ID resumes every channel of it, with no gap and no duplicate.</summary>
public sealed class SseResumeTests
{
    [Fact]
    public async Task A_reconnect_with_Last_Event_ID_gets_what_every_channel_missed_once_and_in_order()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var token = server.Token("alice");
        var received = new List<(string Channel, long Offset)>();
        string lastId;
        await using (var first = await SseStreamTests.OpenAsync(server, token, "channel=public:a&channel=public:b"))
        {
            await first.NextOfTypeAsync("subscribed");
            await first.NextOfTypeAsync("subscribed");
            await server.PublishAsync("public:a", "one");
            await server.PublishAsync("public:b", "two");
            received.Add(Position(await first.NextAsync()));
            received.Add(Position(await first.NextAsync()));
            lastId = first.LastEventId;
        }

        // Missed while away: events on both channels, one of them more than the other.
        await server.PublishAsync("public:a", "three");
        await server.PublishAsync("public:a", "four");
        await server.PublishAsync("public:b", "five");

        await using var second = await SseStreamTests.OpenAsync(server, token, "channel=public:a&channel=public:b", lastEventId: lastId);
        (await second.NextOfTypeAsync("subscribed")).Json.GetProperty("recovered").GetBoolean().ShouldBeTrue();
        var rest = new List<SseMessage>();
        while (rest.Count(m => m.Event != null) < 3)
        {
            var message = await second.NextAsync();
            if (message.Event is null)
            {
                message.Json.Type().ShouldBe("subscribed");
                message.Json.GetProperty("recovered").GetBoolean().ShouldBeTrue();
            }
            else
            {
                rest.Add(message);
            }
        }

        received.AddRange(rest.Select(Position));
        received.Where(p => p.Channel == "public:a").Select(p => p.Offset).ShouldBe([1L, 2, 3]);
        received.Where(p => p.Channel == "public:b").Select(p => p.Offset).ShouldBe([1L, 2]);

        await server.PublishAsync("public:b", "live");
        Position(await second.NextAsync()).ShouldBe(("public:b", 3));
    }

    [Fact]
    public async Task Streams_cut_again_and_again_under_publishing_lose_nothing_and_repeat_nothing()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var token = server.Token("alice");
        const int total = 300;
        var start = await SseStreamTests.OpenAsync(server, token, "channel=public:a&channel=public:b");
        await start.NextOfTypeAsync("subscribed");
        await start.NextOfTypeAsync("subscribed");
        var lastId = start.LastEventId;
        await start.DisposeAsync();
        var publishing = Task.Run(async () =>
        {
            for (var i = 0; i < total; i++)
            {
                await server.PublishAsync(i % 3 == 0 ? "public:b" : "public:a", "tick", new { i });
            }
        });

        var offsets = new Dictionary<string, List<long>> { ["public:a"] = [], ["public:b"] = [] };
        while (offsets.Values.Sum(o => o.Count) < total)
        {
            await using var stream = await SseStreamTests.OpenAsync(server, token, "channel=public:a&channel=public:b", lastEventId: lastId);
            // A short life each time: the cut lands anywhere, in a replay or live.
            for (var n = 0; n < 40 && offsets.Values.Sum(o => o.Count) < total; n++)
            {
                var message = await stream.NextAsync(TimeSpan.FromSeconds(20));

                if (message.Event is not null)
                {
                    var (channel, offset) = Position(message);
                    offsets[channel].Add(offset);
                }
            }

            lastId = stream.LastEventId;
        }

        await publishing;
        offsets["public:a"].ShouldBe(Enumerable.Range(1, offsets["public:a"].Count).Select(i => (long)i));
        offsets["public:b"].ShouldBe(Enumerable.Range(1, offsets["public:b"].Count).Select(i => (long)i));
        offsets["public:b"].Count.ShouldBe(total / 3);
    }

    [Fact]
    public async Task A_stream_cut_between_subscribed_and_its_replay_still_resumes_before_the_replay()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var token = server.Token("alice");
        string lastId;
        await using (var first = await SseStreamTests.OpenAsync(server, token, "channel=public:a"))
        {
            await first.NextOfTypeAsync("subscribed");
            lastId = first.LastEventId;
        }

        for (var i = 0; i < 5; i++)
        {
            await server.PublishAsync("public:a", "missed", new { i });
        }

        await using (var cut = await SseStreamTests.OpenAsync(server, token, "channel=public:a", lastEventId: lastId))
        {
            // subscribed says offset 5 (the head), but the client holds only what it resumed from.
            (await cut.NextOfTypeAsync("subscribed")).Json.Long("offset").ShouldBe(5);
            lastId = cut.LastEventId;
        }

        await using var again = await SseStreamTests.OpenAsync(server, token, "channel=public:a", lastEventId: lastId);
        await again.NextOfTypeAsync("subscribed");
        var replay = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            replay.Add((await again.NextAsync()).Json.Long("offset"));
        }

        replay.ShouldBe([1L, 2, 3, 4, 5]);
    }

    [Fact]
    public async Task When_history_no_longer_covers_the_id_the_stream_says_recovered_false()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var token = server.Token("alice");
        string lastId;
        await using (var first = await SseStreamTests.OpenAsync(server, token, "channel=tiny:feed"))
        {
            await first.NextOfTypeAsync("subscribed");
            await server.PublishAsync("tiny:feed", "kept");
            await first.NextAsync();
            lastId = first.LastEventId;
        }

        for (var i = 0; i < 10; i++)
        {
            await server.PublishAsync("tiny:feed", "flood", new { i });
        }

        await using var second = await SseStreamTests.OpenAsync(server, token, "channel=tiny:feed&snapshot=true", lastEventId: lastId);
        var subscribed = (await second.NextOfTypeAsync("subscribed")).Json;

        subscribed.GetProperty("recovered").GetBoolean().ShouldBeFalse();
        subscribed.Long("offset").ShouldBe(11);
        (await second.NextAsync()).Json.Type().ShouldBe("snapshot");
    }

    private static (string Channel, long Offset) Position(SseMessage message)
    {
        var json = message.Json;
        return (json.Str("channel"), json.Long("offset"));
    }
}
