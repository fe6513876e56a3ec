using Herald.Log;
using Herald.Protocol;
using Herald.Storage.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Storage.Tests.Sqlite;

public sealed class SqliteEventLogTests : IDisposable
{
    private readonly SqliteLogFactory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Offsets_epoch_and_history_survive_reopening_the_database()
    {
        string epoch;
        using (var log = _files.Open())
        {
            var outcomes = await log.AppendAsync([SqliteLogFactory.Request("public:a", "one"), SqliteLogFactory.Request("public:a", "two"), SqliteLogFactory.Request("public:b", "x")], default);
            outcomes.Select(o => o.Offset).ShouldBe([1L, 2L, 1L]);
            epoch = outcomes[0].Epoch;
            outcomes[1].Epoch.ShouldBe(epoch);
            outcomes[2].Epoch.ShouldNotBe(epoch);
        }

        using (var log = _files.Open())
        {
            var read = await log.ReadAsync("public:a", new StreamPosition(epoch, 1), snapshot: false, default);
            read.Recovered.ShouldBeTrue();
            read.Epoch.ShouldBe(epoch);
            read.Offset.ShouldBe(2);
            read.Events.Select(e => (e.Offset, e.Event)).ShouldBe([(2L, "two")]);
            read.Events[0].Data.ToArray().ShouldBe("{\"v\":1}"u8.ToArray());

            var next = await log.AppendAsync([SqliteLogFactory.Request("public:a", "three")], default);
            next[0].Offset.ShouldBe(3);
            next[0].Epoch.ShouldBe(epoch);
        }
    }

    [Fact]
    public async Task A_new_channel_gets_a_lasting_epoch_when_first_read()
    {
        using var log = _files.Open();
        var first = await log.ReadAsync("public:new", since: null, snapshot: false, default);
        first.Offset.ShouldBe(0);
        var appended = await log.AppendAsync([SqliteLogFactory.Request("public:new", "e")], default);
        appended[0].Epoch.ShouldBe(first.Epoch);
        (await log.ReadAsync("public:new", new StreamPosition(first.Epoch, 0), false, default)).Recovered.ShouldBeTrue();
    }

    [Fact]
    public async Task An_idempotency_key_answers_with_the_first_result_across_batches_and_restarts()
    {
        using (var log = _files.Open())
        {
            var outcomes = await log.AppendAsync(
                [SqliteLogFactory.Request("public:i", "a", idempotencyKey: "k1"), SqliteLogFactory.Request("public:i", "b", idempotencyKey: "k1")], default);
            outcomes[0].Offset.ShouldBe(1);
            outcomes[0].Committed.ShouldNotBeNull();
            outcomes[1].Offset.ShouldBe(1);
            outcomes[1].Committed.ShouldBeNull();
        }

        using (var log = _files.Open())
        {
            var again = await log.AppendAsync([SqliteLogFactory.Request("public:i", "c", idempotencyKey: "k1"), SqliteLogFactory.Request("public:i", "d")], default);
            again[0].Offset.ShouldBe(1);
            again[0].Committed.ShouldBeNull();
            again[1].Offset.ShouldBe(2);
        }
    }

    [Fact]
    public async Task History_is_bounded_by_size_and_resume_beyond_it_is_not_recovered()
    {
        var retention = new ChannelRetention(3, TimeSpan.FromHours(1), 10);
        using var log = _files.Open(retention: retention);
        var outcomes = await log.AppendAsync([.. Enumerable.Range(0, 5).Select(i => SqliteLogFactory.Request("public:h", "e" + i, retention: retention))], default);
        var epoch = outcomes[0].Epoch;

        (await log.ReadAsync("public:h", new StreamPosition(epoch, 1), false, default)).Recovered.ShouldBeFalse();
        var read = await log.ReadAsync("public:h", new StreamPosition(epoch, 2), false, default);
        read.Recovered.ShouldBeTrue();
        read.Events.Select(e => e.Offset).ShouldBe([3L, 4L, 5L]);
        (await log.ReadAsync("public:h", new StreamPosition("other", 4), false, default)).Recovered.ShouldBeFalse();
        (await log.ReadAsync("public:h", new StreamPosition(epoch, 6), false, default)).Recovered.ShouldBeFalse();
    }

    [Fact]
    public async Task History_older_than_its_age_is_not_replayed()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
        var retention = new ChannelRetention(100, TimeSpan.FromHours(1), 10);
        using var log = _files.Open(time, retention);
        var old = await log.AppendAsync([SqliteLogFactory.Request("public:age", "old", retention: retention)], default);
        time.Advance(TimeSpan.FromHours(2));
        await log.AppendAsync([SqliteLogFactory.Request("public:age", "new", retention: retention)], default);

        (await log.ReadAsync("public:age", new StreamPosition(old[0].Epoch, 0), false, default)).Recovered.ShouldBeFalse();
        var read = await log.ReadAsync("public:age", new StreamPosition(old[0].Epoch, 1), false, default);
        read.Recovered.ShouldBeTrue();
        read.Events.Select(e => e.Event).ShouldBe(["new"]);
    }

    [Fact]
    public async Task Snapshot_keeps_the_latest_event_per_key_bounded_and_drops_tombstones()
    {
        var retention = new ChannelRetention(100, TimeSpan.FromHours(1), 2);
        using var log = _files.Open(retention: retention);
        await log.AppendAsync(
        [
            SqliteLogFactory.Request("public:s", "a1", key: "a", retention: retention),
            SqliteLogFactory.Request("public:s", "b1", key: "b", retention: retention),
            SqliteLogFactory.Request("public:s", "a2", key: "a", retention: retention),
        ], default);
        await log.AppendAsync([SqliteLogFactory.Request("public:s", "c1", key: "c", retention: retention)], default);

        var read = await log.ReadAsync("public:s", since: null, snapshot: true, default);
        read.Snapshot!.Select(e => (e.Key, e.Event, e.Offset)).ShouldBe([("a", "a2", 3L), ("c", "c1", 4L)]);

        await log.AppendAsync([SqliteLogFactory.Request("public:s", "a-gone", key: "a", tombstone: true, retention: retention)], default);
        read = await log.ReadAsync("public:s", since: null, snapshot: true, default);
        read.Snapshot!.Select(e => e.Key).ShouldBe(["c"]);
    }
}
