using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Herald.Storage.Tests.Support;

/// <summary>
/// One node reaches the store through a relay that stops forwarding for 30 s without resetting
/// anything (a hung middlebox); a second node reaches it directly. One outage, every promise
/// checked at once: publishes through the cut-off node fail fast, its readiness answers at once
/// and says no, its subscribers are sent away with 1001 and lose nothing by resuming elsewhere.
/// Run unchanged on each store that serves several nodes: a subclass starts the two nodes.
/// </summary>
public abstract class StoreStallDrill : IAsyncLifetime
{
    private const string Channel = "public:stall";
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan BusStallTimeout = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    // Noticing a silent connection takes one probe interval and one probe timeout (2 s + 3 s).
    private static readonly TimeSpan Detection = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(3);

    private TcpRelay _relay = null!;
    private HeraldNode _cutOff = null!;
    private HeraldNode _healthy = null!;

    /// <summary>Where the store listens; the relay forwards there.</summary>
    protected abstract Task<Uri> StoreAsync();

    /// <summary>A node with <paramref name="settings"/>, on the store directly or (<paramref name="relayPort"/>) through the relay.</summary>
    protected abstract HeraldNode StartNode(string nodeId, int? relayPort, IDictionary<string, string> settings);

    public async Task InitializeAsync()
    {
        _relay = new TcpRelay(await StoreAsync());
        var settings = new Dictionary<string, string>
        {
            ["HERALD__PUBLISHTIMEOUT"] = "00:00:03",
            ["HERALD__BUSSTALLTIMEOUT"] = "00:00:08",
        };
        _cutOff = StartNode("stall-a", _relay.Port, settings);
        _healthy = StartNode("stall-b", null, settings);
        await Task.WhenAll(_cutOff.WaitReadyAsync(), _healthy.WaitReadyAsync());
    }

    public async Task DisposeAsync()
    {
        await _cutOff.DisposeAsync();
        await _healthy.DisposeAsync();
        await _relay.DisposeAsync();
    }

    [Fact]
    public async Task A_node_cut_off_from_its_store_fails_fast_says_not_ready_and_sends_its_subscribers_elsewhere()
    {
        await using var subscriber = await _cutOff.ConnectAsync(Tokens.Reader);
        await subscriber.SendAsync(new { type = "subscribe", id = 1, channel = Channel });
        var subscribed = await subscriber.NextOfTypeAsync("subscribed");
        var epoch = subscribed.Str("epoch");
        var offsets = new List<long>();
        var reading = ReadEventsAsync(subscriber, offsets);

        await using var publisher = new Publisher([_healthy], Channel, "p", TimeSpan.FromMilliseconds(20)).Start();
        await Eventually.TrueAsync(() => Count(offsets) >= 20, "the subscriber on the node to be cut off to receive 20 events", TimeSpan.FromSeconds(20));

        _relay.Freeze();
        var outage = Stopwatch.StartNew();
        var publishes = PublishThroughCutOffNodeAsync(outage);
        var readiness = ProbeReadinessAsync(outage);

        // (c) Sent away with 1001 within the bound, after everything it had been sent.
        var closed = await subscriber.WaitClosedAsync(BusStallTimeout + Detection + Margin + Margin);
        var closedAfter = outage.Elapsed;
        closed.Code.ShouldBe(1001, $"the close was {closed.Code} {closed.Reason}");
        closedAfter.ShouldBeLessThan(BusStallTimeout + Detection + Margin, "closed within the stall bound");
        await reading;

        // Its client resumes on the healthy node at once, during the outage.
        var resumeFrom = offsets.Count == 0 ? subscribed.Long("offset") : offsets[^1];
        await using var resumed = await _healthy.ConnectAsync(Tokens.Reader);
        await resumed.SendAsync(new { type = "subscribe", id = 1, channel = Channel, since = new { epoch, offset = resumeFrom } });
        var again = await resumed.NextOfTypeAsync("subscribed");
        again.GetProperty("recovered").GetBoolean().ShouldBeTrue(again.GetRawText());
        var resumedOffsets = new List<long>();
        var resumedReading = ReadEventsAsync(resumed, resumedOffsets);

        // (a) Publishes through the cut-off node answer 503 INTERNAL within the deadline.
        foreach (var (status, body, took) in await publishes)
        {
            status.ShouldBe(HttpStatusCode.ServiceUnavailable, body + "\n" + _cutOff.Output);
            JsonDocument.Parse(body).RootElement.Str("code").ShouldBe("INTERNAL", body);
            took.ShouldBeLessThan(PublishTimeout + Margin, "answered within the publish deadline");
        }

        // (b) Readiness answered at once all along, and said no from detection to the end of the outage.
        var probes = await readiness;
        probes.ShouldAllBe(p => p.Took < TimeSpan.FromSeconds(2), "every readiness answer within 2 s: " + Describe(probes));
        probes.Where(p => p.At > Detection + TimeSpan.FromSeconds(1)).ShouldAllBe(p => p.Status == HttpStatusCode.ServiceUnavailable, Describe(probes));
        probes.Count(p => p.At > Detection + TimeSpan.FromSeconds(1)).ShouldBeGreaterThan(10);

        _relay.Thaw();
        var back = await ReadyAgainAsync();
        back.ShouldAllBe(p => p.Took < TimeSpan.FromSeconds(2), "every readiness answer within 2 s: " + Describe(back));
        back[^1].Status.ShouldBe(HttpStatusCode.OK, Describe(back));

        await publisher.StopAsync();
        var acknowledged = publisher.Acknowledged;
        var last = acknowledged.Max();
        await Eventually.TrueAsync(() => Count(resumedOffsets) > 0 && Last(resumedOffsets) >= last, $"the resumed client to reach offset {last}", TimeSpan.FromSeconds(20));
        var received = offsets.Concat(Snapshot(resumedOffsets)).ToList();
        var first = subscribed.Long("offset") + 1;
        received.ShouldBe(Enumerable.Range(0, received.Count).Select(i => first + i), "every event once, in order, across the move");
        acknowledged.ShouldBeSubsetOf(received);

        // The node that was cut off delivers again: a new subscriber there sees a new event.
        await using var later = await _cutOff.ConnectAsync(Tokens.Reader);
        await later.SendAsync(new { type = "subscribe", id = 1, channel = Channel });
        await later.NextOfTypeAsync("subscribed");
        (await _healthy.PublishAsync(Channel, "after", new { n = 0 })).EnsureSuccessStatusCode();
        (await later.NextOfTypeAsync("event", TimeSpan.FromSeconds(15))).Str("event").ShouldBe("after");
        await resumed.DisposeAsync();
        await resumedReading;
    }

    private async Task<List<(HttpStatusCode Status, string Body, TimeSpan Took)>> PublishThroughCutOffNodeAsync(Stopwatch outage)
    {
        var results = new List<(HttpStatusCode, string, TimeSpan)>();

        // One right after the cut (the pooled connections are silent), one once the node noticed.
        foreach (var at in new[] { TimeSpan.FromMilliseconds(500), Detection + TimeSpan.FromSeconds(3) })
        {
            var wait = at - outage.Elapsed;
            // A publish at a set point of a real outage of a child-process node: there is no clock
            // to advance in another process, and the point in time is what the test is about.
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var clock = Stopwatch.StartNew();
            using var response = await _cutOff.PublishAsync(Channel, "during", new { at = at.TotalSeconds }, idempotencyKey: $"stall-{at.TotalMilliseconds}");
            results.Add((response.StatusCode, await response.Content.ReadAsStringAsync(), clock.Elapsed));
        }

        return results;
    }

    private async Task<List<Probe>> ProbeReadinessAsync(Stopwatch outage)
    {
        var probes = new List<Probe>();
        while (outage.Elapsed < Outage)
        {
            probes.Add(await ProbeAsync(outage.Elapsed));

            // Samples readiness through the whole outage (its time series is asserted), not a wait for a condition.
            await Task.Delay(250);
        }

        return probes;
    }

    private async Task<List<Probe>> ReadyAgainAsync()
    {
        var probes = new List<Probe>();
        var clock = Stopwatch.StartNew();
        while (probes.Count == 0 || probes[^1].Status != HttpStatusCode.OK)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException("The node was not ready again within 30 s of the store coming back: " + Describe(probes) + "\n" + _cutOff.Output);
            }

            // Every probe is kept for the failure message and the assertions, so this polls by hand.
            await Task.Delay(250);
            probes.Add(await ProbeAsync(clock.Elapsed));
        }

        return probes;
    }

    private async Task<Probe> ProbeAsync(TimeSpan at)
    {
        var clock = Stopwatch.StartNew();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            using var response = await _cutOff.Http.GetAsync("/health/ready", cts.Token);
            return new Probe(at, response.StatusCode, clock.Elapsed);
        }
        catch (OperationCanceledException)
        {
            return new Probe(at, HttpStatusCode.RequestTimeout, clock.Elapsed);
        }
    }

    private static async Task ReadEventsAsync(TestClient client, List<long> offsets)
    {
        while (true)
        {
            JsonElement message;
            try
            {
                message = await client.NextAsync(TimeSpan.FromSeconds(90));
            }
            catch (InvalidOperationException)
            {
                return;
            }

            if (message.Type() == "event")
            {
                lock (offsets)
                {
                    offsets.Add(message.Long("offset"));
                }
            }
        }
    }

    private static int Count(List<long> offsets)
    {
        lock (offsets)
        {
            return offsets.Count;
        }
    }

    private static long Last(List<long> offsets)
    {
        lock (offsets)
        {
            return offsets[^1];
        }
    }

    private static List<long> Snapshot(List<long> offsets)
    {
        lock (offsets)
        {
            return [.. offsets];
        }
    }

    private static string Describe(List<Probe> probes) =>
        string.Join(", ", probes.Select(p => $"{p.At.TotalSeconds:F1}s:{(int)p.Status}/{p.Took.TotalMilliseconds:F0}ms"));

    private sealed record Probe(TimeSpan At, HttpStatusCode Status, TimeSpan Took);
}
