using Herald.Log;
using Herald.Protocol;

namespace Herald.Storage.Tests.Contract;

public abstract partial class EventLogContract
{
    [Fact]
    public async Task A_since_inside_history_recovers_exactly_the_events_after_it_and_no_snapshot()
    {
        var written = await AppendAsync([.. Enumerable.Range(1, 5).Select(i => Event("public:r", "e" + i, key: "k" + (i % 2)))]);
        var epoch = written[0].Epoch;

        var read = await ResumeAsync("public:r", new StreamPosition(epoch, 2), snapshot: true);
        var caughtUp = await ResumeAsync("public:r", new StreamPosition(epoch, 5), snapshot: true);

        read.Recovered.ShouldBeTrue();
        (read.Epoch, read.Offset).ShouldBe((epoch, 5L));
        read.Events.Select(e => (e.Offset, e.Event)).ShouldBe([(3L, "e3"), (4L, "e4"), (5L, "e5")]);
        read.Events.ShouldAllBe(e => e.Epoch == epoch && e.Channel == "public:r");
        Text(read.Events[0]).ShouldBe("""{"name":"e3"}""");
        read.Snapshot.ShouldBeNull("a replay stands in for the snapshot");
        caughtUp.Recovered.ShouldBeTrue();
        caughtUp.Events.ShouldBeEmpty();
        caughtUp.Snapshot.ShouldBeNull();
    }

    [Fact]
    public async Task A_since_older_than_history_of_another_epoch_or_ahead_is_not_recovered_and_gets_the_snapshot_when_asked()
    {
        var retention = Retention(size: 3);
        var written = await AppendAsync([.. Enumerable.Range(1, 5).Select(i => Event("public:h", "e" + i, retention, key: "k" + (i % 3)))]);
        var epoch = written[0].Epoch;

        var trimmed = await ResumeAsync("public:h", new StreamPosition(epoch, 1), snapshot: true, retention);
        var otherEpoch = await ResumeAsync("public:h", new StreamPosition("0000000000000000", 4), snapshot: true, retention);
        var ahead = await ResumeAsync("public:h", new StreamPosition(epoch, 6), snapshot: false, retention);
        var oldest = await ResumeAsync("public:h", new StreamPosition(epoch, 2), snapshot: true, retention);

        foreach (var read in new[] { trimmed, otherEpoch })
        {
            read.Recovered.ShouldBeFalse();
            (read.Epoch, read.Offset).ShouldBe((epoch, 5L));
            read.Events.ShouldBeEmpty();
            read.Snapshot!.Select(e => (e.Key, e.Offset)).ShouldBe([("k0", 3L), ("k1", 4L), ("k2", 5L)]);
        }

        ahead.Recovered.ShouldBeFalse();
        ahead.Snapshot.ShouldBeNull("not asked for");
        oldest.Recovered.ShouldBeTrue("the last HistorySize events are history");
        oldest.Events.Select(e => e.Offset).ShouldBe([3L, 4L, 5L]);
    }

    [Fact]
    public async Task History_older_than_its_age_is_not_replayed()
    {
        var retention = Retention(hours: 1);
        var old = await AppendAsync(Event("public:age", "old", retention));
        Time.Advance(TimeSpan.FromHours(2));
        await AppendAsync(Event("public:age", "new", retention));

        var expired = await ResumeAsync("public:age", new StreamPosition(old[0].Epoch, 0), retention: retention);
        var kept = await ResumeAsync("public:age", new StreamPosition(old[0].Epoch, 1), retention: retention);
        var history = await HistoryAsync("public:age", retention);

        expired.Recovered.ShouldBeFalse();
        kept.Recovered.ShouldBeTrue();
        kept.Events.Select(e => e.Event).ShouldBe(["new"]);
        history.Events.Select(e => e.Event).ShouldBe(["new"]);
        history.Next.ShouldBe(2);
    }

    [Fact]
    public async Task Retention_by_size_bounds_what_is_read_back()
    {
        var retention = Retention(size: 3);
        await AppendAsync([.. Enumerable.Range(1, 6).Select(i => Event("public:size", "e" + i, retention))]);

        var history = await HistoryAsync("public:size", retention);

        history.Events.Select(e => e.Offset).ShouldBe([4L, 5L, 6L]);
        (await Log.ReadRangeAsync("public:size", 0, 6, 100, default)).Select(e => e.Offset).TakeLast(3).ShouldBe([4L, 5L, 6L], "a store may keep more, never less");
    }

    [Fact]
    public async Task The_snapshot_is_the_latest_event_per_key_bounded_with_tombstones_removing_keys()
    {
        var retention = Retention(keys: 2);
        await AppendAsync(Event("public:s", "a1", retention, key: "a"), Event("public:s", "b1", retention, key: "b"), Event("public:s", "a2", retention, key: "a"));
        await AppendAsync(Event("public:s", "plain", retention), Event("public:s", "c1", retention, key: "c"));

        var bounded = await ResumeAsync("public:s", since: null, snapshot: true, retention);
        await AppendAsync(Event("public:s", "a-gone", retention, key: "a", tombstone: true));
        var afterTombstone = await ResumeAsync("public:s", since: null, snapshot: true, retention);

        bounded.Snapshot!.Select(e => (e.Key, e.Event, e.Offset)).ShouldBe([("a", "a2", 3L), ("c", "c1", 5L)]);
        afterTombstone.Snapshot!.Select(e => e.Key).ShouldBe(["c"]);
        (await Log.ReadLatestAsync("public:s", default)).ShouldAllBe(e => !e.Tombstone);
        (await Log.ReadLatestAsync("public:unknown", default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task What_is_appended_between_the_head_and_the_rest_of_a_read_is_left_for_live_delivery()
    {
        var written = await AppendAsync(Event("public:race", "a1", key: "a"), Event("public:race", "b1", key: "b"));
        var racing = new AppendAfterHead(Log, () => AppendAsync(Event("public:race", "a2", key: "a"), Event("public:race", "x")));

        var snapshot = await ResumeAsync(racing, "public:race", since: null, snapshot: true);
        var replay = await ResumeAsync(racing, "public:race", new StreamPosition(written[0].Epoch, 0));

        snapshot.Offset.ShouldBe(2);
        snapshot.Snapshot!.Select(e => (e.Key, e.Offset)).ShouldBe([("b", 2L)], "a2 comes live after offset 2, so it is not in the snapshot too");
        replay.Offset.ShouldBe(4);
        replay.Recovered.ShouldBeTrue();
        replay.Events.Select(e => e.Offset).ShouldBe([1L, 2L, 3L, 4L]);
        (await Log.ReadHeadAsync("public:race", default)).LastOffset.ShouldBe(6);
    }
}
