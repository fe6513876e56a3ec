using System.Collections.Concurrent;
using System.Text.Json;
using Herald.Log;
using Herald.Protocol;

namespace Herald.Storage.Tests.Contract;

public abstract partial class EventLogContract
{
    [Fact]
    public async Task Offsets_are_contiguous_per_channel_and_each_channel_has_an_epoch_of_its_own()
    {
        var first = await AppendAsync(Event("public:a", "one"), Event("public:a", "two"), Event("public:b", "x"));
        var second = await AppendAsync(Event("public:a", "three"), Event("public:b", "y"));

        first.Select(o => (o.Channel, o.Offset)).ShouldBe([("public:a", 1L), ("public:a", 2L), ("public:b", 1L)]);
        second.Select(o => (o.Channel, o.Offset)).ShouldBe([("public:a", 3L), ("public:b", 2L)]);
        first[1].Epoch.ShouldBe(first[0].Epoch);
        second[0].Epoch.ShouldBe(first[0].Epoch);
        first[2].Epoch.ShouldNotBe(first[0].Epoch);
        first.ShouldAllBe(o => o.Committed != null);
        (await Log.ReadHeadAsync("public:a", default)).ShouldBe(new StreamHead(first[0].Epoch, 3));
    }

    [Fact]
    public async Task A_new_channel_gets_an_epoch_when_first_read_and_keeps_it()
    {
        var head = await Log.ReadHeadAsync("public:new", default);
        head.LastOffset.ShouldBe(0);
        (await Log.ReadHeadAsync("public:new", default)).Epoch.ShouldBe(head.Epoch);

        var appended = await AppendAsync(Event("public:new", "e"));

        appended[0].Epoch.ShouldBe(head.Epoch);
        var read = await ResumeAsync("public:new", new StreamPosition(head.Epoch, 0));
        read.Recovered.ShouldBeTrue();
        read.Events.Select(e => e.Event).ShouldBe(["e"]);
    }

    [Fact]
    public async Task An_idempotency_key_answers_with_the_first_result_and_appends_nothing_again()
    {
        var first = await AppendAsync(Event("public:i", "a", idempotencyKey: "k1"), Event("public:i", "b", idempotencyKey: "k1"));
        var again = await AppendAsync(Event("public:i", "c", idempotencyKey: "k1"), Event("public:i", "d"));

        first.Select(o => (o.Offset, o.Committed is null)).ShouldBe([(1L, false), (1L, true)]);
        again.Select(o => (o.Offset, o.Committed is null)).ShouldBe([(1L, true), (2L, false)]);
        again[0].Epoch.ShouldBe(first[0].Epoch);
        (await Log.ReadRangeAsync("public:i", 0, 2, 10, default)).Select(e => e.Event).ShouldBe(["a", "d"]);
    }

    [Fact]
    public async Task Concurrent_appends_on_one_channel_keep_each_writers_order_without_gaps()
    {
        const int Writers = 4;
        const int PerWriter = 20;
        var outcomes = new ConcurrentBag<AppendOutcome>();
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < PerWriter; i += 2)
            {
                foreach (var outcome in await AppendAsync(Event("public:busy", $"w{w}-{i}"), Event("public:busy", $"w{w}-{i + 1}")))
                {
                    outcomes.Add(outcome);
                }
            }
        })));

        outcomes.Select(o => o.Offset).Order().ShouldBe(Enumerable.Range(1, Writers * PerWriter).Select(i => (long)i));
        var events = await Log.ReadRangeAsync("public:busy", 0, Writers * PerWriter, Writers * PerWriter, default);
        events.Select(e => e.Offset).ShouldBe(Enumerable.Range(1, Writers * PerWriter).Select(i => (long)i));
        foreach (var writer in events.GroupBy(e => e.Event.Split('-')[0]))
        {
            writer.Select(e => int.Parse(e.Event.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(Enumerable.Range(0, PerWriter), $"{writer.Key} in the order it appended");
        }

        events.ShouldAllBe(e => JsonDocument.Parse(Text(e), default).RootElement.GetProperty("name").GetString() == e.Event);
    }
}
