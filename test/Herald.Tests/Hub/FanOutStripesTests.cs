using System.Collections.Concurrent;
using Herald.Configuration;
using Herald.Hub;
using Herald.Log;
using Herald.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Herald.Tests.Hub;

/// <summary>
/// A fan-out to a channel of more than one chunk of recipients is split over several threads, and
/// still every recipient gets every event once and in offset order, run after run.
/// </summary>
public sealed class FanOutStripesTests : IDisposable
{
    private readonly ServiceProvider _provider;
    private readonly HeraldHub _hub;
    private readonly NamespacePolicy _policy;

    public FanOutStripesTests()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddHerald(configure: o =>
        {
            o.Jwt.Secret = new string('s', 48);
            o.Namespaces["public"] = new NamespaceOptions();
            o.FanOutThreads = 4;
        });
        _provider = services.BuildServiceProvider();
        _hub = _provider.GetRequiredService<HeraldHub>();
        _policy = _provider.GetRequiredService<NamespaceRules>().Resolve("public:x")!;
    }

    [Fact]
    public void One_events_fan_out_to_a_large_channel_runs_on_more_than_one_thread()
    {
        // Each send takes a little while, as a real socket write does, so the pool has time to join in.
        var recipients = Subscribe(4 * ChannelSubscribers.ChunkSize, sendSpins: 2_000);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var offset = 0L;
        do
        {
            _hub.Dispatch(Entry(++offset)).ShouldBe(recipients.Count);
        }
        while (recipients.Select(r => r.LastFlushThread).Distinct().Count() < 2 && waited.Elapsed < TimeSpan.FromSeconds(20));

        recipients.Select(r => r.LastFlushThread).Distinct().Count().ShouldBeGreaterThan(1);
    }

    [Fact]
    public void Every_recipient_gets_every_event_once_in_order_across_runs_of_any_length()
    {
        var recipients = Subscribe(3 * ChannelSubscribers.ChunkSize + 17, sendSpins: 0);
        var random = new Random(7);
        var offset = 0L;
        for (var round = 0; round < 300; round++)
        {
            var run = Enumerable.Range(0, random.Next(1, 9)).Select(_ => Entry(++offset)).ToArray();
            _hub.Dispatch(run).ShouldBe(run.Length * recipients.Count);
        }

        foreach (var recipient in recipients)
        {
            recipient.Offsets.ShouldBe(Enumerable.Range(1, (int)offset).Select(o => (long)o));
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(257)]
    public void A_fan_out_thread_count_out_of_range_fails_start_up(int threads)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddHerald(configure: o =>
        {
            o.Jwt.Secret = new string('s', 48);
            o.FanOutThreads = threads;
        });
        using var provider = services.BuildServiceProvider();

        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<HeraldOptions>>().Value)
            .Message.ShouldContain($"Herald:FanOutThreads must be between 0 (one per core) and 256, not {threads}.");
    }

    public void Dispose() => _provider.Dispose();

    private List<Recipient> Subscribe(int count, int sendSpins)
    {
        var recipients = new List<Recipient>();
        for (var i = 0; i < count; i++)
        {
            var recipient = new Recipient(sendSpins);
            var subscription = new Subscription(recipient, "public:x", _policy, filter: null, pendingLimit: 1024);
            subscription.GoLive(0);
            _hub.Add(subscription);
            recipients.Add(recipient);
        }

        return recipients;
    }

    private static LogEntry Entry(long offset) => new()
    {
        Channel = "public:x",
        Epoch = "e1",
        Offset = offset,
        Event = "tick",
        Data = "{}"u8.ToArray(),
        Timestamp = DateTimeOffset.UnixEpoch,
    };

    /// <summary>A recipient that keeps what it was sent and which thread sent it.</summary>
    private sealed class Recipient(int sendSpins) : ISubscriber
    {
        private readonly ConcurrentQueue<long> _queued = new();

        public List<long> Offsets { get; } = [];

        public int LastFlushThread { get; private set; }

        public PermissionSet Permissions => PermissionSet.Empty;

        public bool Enqueue(LogEntry entry)
        {
            _queued.Enqueue(entry.Offset);
            return true;
        }

        public void Flush()
        {
            LastFlushThread = Environment.CurrentManagedThreadId;
            Thread.SpinWait(sendSpins);
            while (_queued.TryDequeue(out var offset))
            {
                Offsets.Add(offset);
            }
        }

        public void CloseSlowConsumer() => throw new InvalidOperationException("no recipient here is slow");
    }
}
