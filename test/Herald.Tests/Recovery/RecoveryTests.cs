using System.Text.Json;

namespace Herald.Tests.Recovery;

/// <summary>PROTOCOL.md §5: resume with since, the seam, and what happens when history is gone.</summary>
public sealed class RecoveryTests
{
    [Fact]
    public async Task Resume_while_publishing_receives_every_event_once_in_order_with_no_gap()
    {
        const int total = 600;
        await using var server = await HeraldTestServer.StartAsync();
        var token = server.Token("alice");

        var first = await server.ConnectWelcomedAsync(token);
        await first.SendAsync(new { type = "subscribe", id = 1, channel = "public:seam" });
        var epoch = (await first.NextOfTypeAsync("subscribed")).Str("epoch");

        var publisher = Task.Run(async () =>
        {
            for (var i = 1; i <= total; i++)
            {
                await server.PublishAsync("public:seam", "tick", new { i });
            }
        });

        // Take part of the stream, then drop the connection mid-flight.
        var seen = (await first.CollectAsync("event", 50)).Select(e => e.Long("offset")).ToList();
        await first.DisposeAsync();
        var last = seen[^1];

        await using var second = await server.ConnectWelcomedAsync(token);
        await second.SendAsync(new { type = "subscribe", id = 2, channel = "public:seam", since = new { epoch, offset = last } });
        var resumed = await second.NextOfTypeAsync("subscribed");
        resumed.GetProperty("recovered").GetBoolean().ShouldBeTrue();
        resumed.Str("epoch").ShouldBe(epoch);

        var rest = await second.CollectAsync("event", total - (int)last);
        await publisher;
        seen.AddRange(rest.Select(e => e.Long("offset")));

        seen.ShouldBe(Enumerable.Range(1, total).Select(i => (long)i));
        rest.Select(e => e.GetProperty("data").GetProperty("i").GetInt32()).ShouldBe(Enumerable.Range((int)last + 1, total - (int)last));
        (await second.StaysQuietAsync(TimeSpan.FromMilliseconds(200))).ShouldBeTrue();
    }

    [Fact]
    public async Task Resume_at_the_head_replays_nothing_then_goes_live()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));
        var published = await server.PublishAsync("public:head", "a");

        await client.SendAsync(new { type = "subscribe", channel = "public:head", since = new { epoch = published.Epoch, offset = published.Offset } });
        var subscribed = await client.NextOfTypeAsync("subscribed");
        subscribed.GetProperty("recovered").GetBoolean().ShouldBeTrue();
        subscribed.Long("offset").ShouldBe(1);

        await server.PublishAsync("public:head", "b");
        var next = await client.NextOfTypeAsync("event");
        (next.Str("event"), next.Long("offset")).ShouldBe(("b", 2L));
    }

    [Fact]
    public async Task History_gone_answers_recovered_false_and_the_snapshot()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));

        // tiny: history of 5 events, at most 3 keys.
        PublishResultLike? last = null;
        for (var i = 1; i <= 12; i++)
        {
            var r = await server.PublishAsync("tiny:t", "status", new { i }, key: $"k{i % 4}");
            last = new(r.Epoch, r.Offset);
        }

        await server.PublishAsync("tiny:t", "removed", key: "k0", tombstone: true);

        await client.SendAsync(new { type = "subscribe", id = 1, channel = "tiny:t", since = new { epoch = last!.Epoch, offset = 2 }, snapshot = true });
        var subscribed = await client.NextOfTypeAsync("subscribed");
        subscribed.GetProperty("recovered").GetBoolean().ShouldBeFalse();
        subscribed.Long("offset").ShouldBe(13);

        var snapshot = await client.NextOfTypeAsync("snapshot");
        snapshot.Str("channel").ShouldBe("tiny:t");
        snapshot.Str("epoch").ShouldBe(last.Epoch);
        snapshot.Long("offset").ShouldBe(13);
        var items = snapshot.GetProperty("items").EnumerateArray().ToList();

        // The 3 most recently updated keys (k2, k3, k0), less the tombstoned k0, in offset order.
        items.Select(i => i.Str("key")).ShouldBe(["k2", "k3"]);
        items.Select(i => i.Long("offset")).ShouldBe([10L, 11L]);
        items.Select(i => i.GetProperty("data").GetProperty("i").GetInt32()).ShouldBe([10, 11]);
        items.ShouldAllBe(i => i.Str("event") == "status" && i.Has("ts"));

        await server.PublishAsync("tiny:t", "status", new { i = 14 }, key: "k2");
        (await client.NextOfTypeAsync("event")).Long("offset").ShouldBe(14);
    }

    [Fact]
    public async Task Recoverable_since_with_snapshot_replays_instead_of_snapshot()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));
        var first = await server.PublishAsync("tiny:r", "s", new { v = 1 }, key: "a");
        await server.PublishAsync("tiny:r", "s", new { v = 2 }, key: "a");

        await client.SendAsync(new { type = "subscribe", channel = "tiny:r", since = new { epoch = first.Epoch, offset = 1 }, snapshot = true });

        (await client.NextOfTypeAsync("subscribed")).GetProperty("recovered").GetBoolean().ShouldBeTrue();
        (await client.NextOfTypeAsync("event")).Long("offset").ShouldBe(2);
        (await client.StaysQuietAsync(TimeSpan.FromMilliseconds(200))).ShouldBeTrue();
    }

    [Theory]
    [InlineData("another-epoch", 0)]
    [InlineData(null, 99)]
    public async Task Other_epoch_or_offset_ahead_is_not_recovered(string? epoch, long offset)
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));
        var published = await server.PublishAsync("public:e", "a", key: "x");

        await client.SendAsync(new { type = "subscribe", channel = "public:e", since = new { epoch = epoch ?? published.Epoch, offset }, snapshot = true });

        (await client.NextOfTypeAsync("subscribed")).GetProperty("recovered").GetBoolean().ShouldBeFalse();
        var snapshot = await client.NextOfTypeAsync("snapshot");
        snapshot.GetProperty("items").EnumerateArray().Single().Str("key").ShouldBe("x");
    }

    [Fact]
    public async Task Without_since_there_is_no_recovered_field_and_no_replay()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));
        await server.PublishAsync("public:n", "old");

        await client.SendAsync(new { type = "subscribe", channel = "public:n" });
        var subscribed = await client.NextOfTypeAsync("subscribed");

        subscribed.Has("recovered").ShouldBeFalse();
        subscribed.Long("offset").ShouldBe(1);
        (await client.StaysQuietAsync(TimeSpan.FromMilliseconds(200))).ShouldBeTrue();
    }

    private sealed record PublishResultLike(string Epoch, long Offset);

    internal static long OffsetOf(JsonElement e) => e.Long("offset");
}
