using System.Reflection;
using BenchmarkDotNet.Attributes;
using Herald.Hub;
using Herald.Log;
using Herald.Protocol;

namespace Herald.Bench;

/// <summary>
/// The hub's per-delivery path: one committed event dispatched to <see cref="Subscribers"/> sessions (filter and
/// permission check, the subscription's offset guard, the outbox, the flush that frames it as a WebSocket message
/// and writes it). The sockets write to <see cref="Stream.Null"/>, so the kernel's part is not in the figure.
/// Reported per delivery; the goal is zero bytes allocated per delivery.
/// </summary>
[MemoryDiagnoser]
public class HubDeliveryBenchmarks
{
    private const int Subscribers = 1000;
    private const int Ring = 1 << 14;
    private static readonly FieldInfo LastOffsetField = typeof(Subscription).GetField("_lastOffset", BindingFlags.NonPublic | BindingFlags.Instance)!;
    private HeraldFixture _fixture = null!;
    private Subscription[] _subscriptions = null!;
    private LogEntry[] _entries = null!;
    private int _next;

    /// <summary>1: one thread's cost per delivery (the CPU figure); 2: the fan-out split over two threads (wall time).</summary>
    [Params(1, 2)]
    public int FanOutThreads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new HeraldFixture(FanOutThreads);
        _subscriptions = new Subscription[Subscribers];
        for (var i = 0; i < Subscribers; i++)
        {
            var session = _fixture.NewSession($"u{i}");
            _subscriptions[i] = new Subscription(session, "public:bench", _fixture.Policy, filter: null, pendingLimit: 1024);
            _subscriptions[i].GoLive(0);
            _fixture.Hub.Add(_subscriptions[i]);
        }

        // Events are encoded once per publish, before the hub sees them; that cost is EncodeEvent's, not the hub's.
        _entries = Enumerable.Range(1, Ring).Select(o => HeraldFixture.Entry("public:bench", o, 256)).ToArray();
        foreach (var entry in _entries)
        {
            _ = EventEncoding.V1(entry);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _fixture.Dispose();

    [Benchmark(OperationsPerInvoke = Subscribers, Description = "dispatch + send, per delivery (1000 subscribers)")]
    public int DeliverToThousand()
    {
        if (_next == Ring)
        {
            // Offsets must grow for the offset guard; rewind the subscriptions instead of allocating new events.
            _next = 0;
            foreach (var s in _subscriptions)
            {
                LastOffsetField.SetValue(s, 0L);
            }
        }

        return _fixture.Hub.Dispatch(_entries[_next++]);
    }
}
