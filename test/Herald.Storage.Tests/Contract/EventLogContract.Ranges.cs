
namespace Herald.Storage.Tests.Contract;

public abstract partial class EventLogContract
{
    [Fact]
    public async Task Range_reads_stay_inside_their_bounds_and_limit_in_offset_order()
    {
        await AppendAsync([.. Enumerable.Range(1, 10).Select(i => Event("public:range", "e" + i))]);

        async Task<long[]> Offsets(long after, long through, int limit) =>
            [.. (await Log.ReadRangeAsync("public:range", after, through, limit, default)).Select(e => e.Offset)];

        (await Offsets(2, 10, 3)).ShouldBe([3L, 4L, 5L]);
        (await Offsets(8, 10, 100)).ShouldBe([9L, 10L]);
        (await Offsets(0, 4, 100)).ShouldBe([1L, 2L, 3L, 4L]);
        (await Offsets(10, 10, 5)).ShouldBeEmpty();
        (await Offsets(10, 20, 5)).ShouldBeEmpty();
        (await Log.ReadRangeAsync("public:never", 0, 10, 5, default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task History_pages_through_the_retained_events_once_in_order()
    {
        var retention = Retention(size: 5);
        var written = await AppendAsync([.. Enumerable.Range(1, 7).Select(i => Event("public:pages", "e" + i, retention))]);
        var epoch = written[0].Epoch;

        var first = await HistoryAsync("public:pages", retention, limit: 2);
        var second = await HistoryAsync("public:pages", retention, first.Next, first.Epoch, limit: 2);
        var last = await HistoryAsync("public:pages", retention, second.Next, second.Epoch, limit: 2);
        var stale = await HistoryAsync("public:pages", retention, 1, epoch, limit: 2);
        var done = await HistoryAsync("public:pages", retention, 7, epoch);

        first.Recovered.ShouldBeNull();
        first.Events.Select(e => e.Offset).ShouldBe([3L, 4L]);
        (first.Next, first.HasMore).ShouldBe((4L, true));
        second.Recovered.ShouldBe(true);
        second.Events.Select(e => e.Offset).ShouldBe([5L, 6L]);
        second.Next.ShouldBe(6);
        last.Events.Select(e => e.Offset).ShouldBe([7L]);
        (last.Next, last.HasMore).ShouldBe((7L, false));
        stale.Recovered.ShouldBe(false, "offset 1 was trimmed: the page starts at the oldest retained event");
        stale.Events.Select(e => e.Offset).ShouldBe([3L, 4L]);
        (done.Recovered, done.Events.Count, done.Next, done.HasMore).ShouldBe((true, 0, 7L, false));
    }
}
