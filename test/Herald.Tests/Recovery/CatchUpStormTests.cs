using Herald.Log;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Recovery;

/// <summary>
/// A restart storm: every client of a channel resumes from about the same offset at once, while
/// events keep coming. The store is asked for each missed event about once, not once per client,
/// and every client is still given exactly what the store holds after its offset.
/// </summary>
public sealed class CatchUpStormTests
{
    private const string Channel = "public:storm";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_thousand_clients_resuming_one_channel_read_its_events_about_once_and_each_gets_exactly_its_gap()
    {
        var store = new CountingStore("e1");
        store.Append(500);
        var reader = new CatchUpReader(store, _ => ChannelRetention.Default, new FakeTimeProvider(Now));
        for (var client = 0; client < 1_000; client++)
        {
            if (client % 10 == 0)
            {
                store.Append(3);
            }

            var since = 400 + (client % 7);
            var read = await reader.ReadAsync(Channel, new StreamPosition("e1", since), snapshot: false, CancellationToken.None);

            read.Recovered.ShouldBeTrue();
            read.Events.Select(e => e.Offset).ShouldBe(Enumerable.Range(since + 1, (int)(store.Last - since)).Select(o => (long)o));
            read.Events.ShouldAllBe(e => e.Epoch == "e1" && e.Channel == Channel);
        }

        // 800 events in the store; one read per client would have been about 200,000 entries.
        store.EntriesRead.ShouldBeLessThan(2 * store.Last);
    }

    [Fact]
    public async Task After_a_reset_the_new_epoch_is_read_from_the_store_not_served_from_the_old_one()
    {
        var store = new CountingStore("e1");
        store.Append(50);
        var reader = new CatchUpReader(store, _ => ChannelRetention.Default, new FakeTimeProvider(Now));
        (await reader.ReadAsync(Channel, new StreamPosition("e1", 10), snapshot: false, CancellationToken.None)).Events.Count.ShouldBe(40);

        store.Reset("e2");
        store.Append(30);
        var read = await reader.ReadAsync(Channel, new StreamPosition("e2", 10), snapshot: false, CancellationToken.None);

        read.Recovered.ShouldBeTrue();
        read.Events.Select(e => (e.Epoch, e.Offset)).ShouldBe(Enumerable.Range(11, 20).Select(o => ("e2", (long)o)));
    }

    /// <summary>One channel's stream; like a real store, every read materialises new entries.</summary>
    private sealed class CountingStore(string epoch) : IEventLogReader
    {
        private string _epoch = epoch;

        public long Last { get; private set; }

        public long EntriesRead { get; private set; }

        public void Append(int count) => Last += count;

        public void Reset(string epoch) => (_epoch, Last) = (epoch, 0);

        public ValueTask<StreamHead> ReadHeadAsync(string channel, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new StreamHead(_epoch, Last));

        public ValueTask<IReadOnlyList<LogEntry>> ReadRangeAsync(string channel, long after, long through, int limit, CancellationToken cancellationToken)
        {
            var last = Math.Min(Math.Min(through, Last), after + limit);
            var entries = new List<LogEntry>();
            for (var offset = after + 1; offset <= last; offset++)
            {
                entries.Add(new LogEntry
                {
                    Channel = channel,
                    Epoch = _epoch,
                    Offset = offset,
                    Event = "tick",
                    Data = "{}"u8.ToArray(),
                    Timestamp = Now,
                });
            }

            EntriesRead += entries.Count;
            return ValueTask.FromResult<IReadOnlyList<LogEntry>>(entries);
        }

        public ValueTask<IReadOnlyList<LogEntry>> ReadLatestAsync(string channel, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<LogEntry>>([]);
    }
}
