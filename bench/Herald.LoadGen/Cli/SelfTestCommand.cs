using System.CommandLine;
using System.Text;
using Herald.LoadGen.Clients;
using Herald.LoadGen.Metrics;
using Herald.LoadGen.Protocols;

namespace Herald.LoadGen.Cli;

/// <summary>
/// `selftest`: checks the parts whose mistakes would silently corrupt every figure: the histogram's buckets and
/// percentiles, the event scanner on each server's message shape, and the loss bitmap. Run by bench/smoke.sh.
/// </summary>
internal static class SelfTestCommand
{
    public static Command Create()
    {
        var command = new Command("selftest", "Check the histogram, the message scanner and the loss accounting");
        command.SetAction(_ =>
        {
            var failures = new List<string>();
            void Check(bool ok, string what)
            {
                if (!ok)
                {
                    failures.Add(what);
                }
            }

            Histogram(Check);
            Scanner(Check);
            Cursor(Check);
            foreach (var failure in failures)
            {
                Console.WriteLine($"selftest: FAILED {failure}");
            }

            Console.WriteLine(failures.Count == 0 ? "selftest: ok" : $"selftest: {failures.Count} failed");
            return failures.Count == 0 ? 0 : 1;
        });
        return command;
    }

    private static void Histogram(Action<bool, string> check)
    {
        // Buckets tile the value range without gaps or overlaps, and each bucket is narrow (1/128 of its value).
        long previousHigh = -1;
        for (var b = 0; b < 40 * 128; b++)
        {
            var low = LatencyHistogram.LowestEquivalent(b);
            var high = LatencyHistogram.HighestEquivalent(b);
            check(low == previousHigh + 1, $"bucket {b} starts at {low}, previous ended at {previousHigh}");
            check(LatencyHistogram.BucketOf(low) == b && LatencyHistogram.BucketOf(high) == b, $"bucket {b} round trip");
            check(low < 128 || (high - low + 1) * 128 <= low, $"bucket {b} too wide");
            previousHigh = high;
        }

        var h = new LatencyHistogram();
        for (long v = 1; v <= 1_000_000; v++)
        {
            h.Record(v);
        }

        static bool Near(long actual, long expected) => Math.Abs(actual - expected) <= expected / 100.0;
        check(h.Count == 1_000_000, "count");
        check(Near(h.ValueAtQuantile(0.5), 500_000), $"p50 {h.ValueAtQuantile(0.5)}");
        check(Near(h.ValueAtQuantile(0.99), 990_000), $"p99 {h.ValueAtQuantile(0.99)}");
        check(Near(h.ValueAtQuantile(0.999), 999_000), $"p99.9 {h.ValueAtQuantile(0.999)}");
        check(h.ValueAtQuantile(1) == 1_000_000 && h.Max == 1_000_000 && h.Min == 1, "max/min");
        check(Math.Abs(h.Mean - 500_000.5) < 0.01, $"mean {h.Mean}");

        var merged = new LatencyHistogram();
        merged.Add(h);
        merged.Record(5_000_000, 1000);
        check(merged.Count == 1_001_000 && merged.Max == 5_000_000, "merge");
        check(Near(merged.ValueAtQuantile(0.9995), 5_000_000), $"merged p99.95 {merged.ValueAtQuantile(0.9995)}");
    }

    private static void Scanner(Action<bool, string> check)
    {
        string[] shapes =
        [
            "{\"type\":\"event\",\"channel\":\"public:fanout\",\"offset\":46,\"event\":\"tick\",\"data\":{\"t\":123456789,\"pad\":\"xx\"},\"ts\":\"2026-11-22T10:00:00.000Z\"}",
            "{\"type\":1,\"target\":\"event\",\"arguments\":[{\"channel\":\"public:fanout\",\"offset\":46,\"event\":\"tick\",\"data\":{\"t\":123456789,\"pad\":\"xx\"}}]}",
            "{\"type\":\"event\",\"channel\":\"public:fanout\",\"offset\":46,\"event\":\"tick\",\"data\":{\"t\":123456789,\"pad\":\"xx\"}}",
        ];
        WireProtocol[] protocols =
        [
            new HeraldProtocol(new Uri("http://127.0.0.1:1/"), _ => "t"),
            new SignalRProtocol(new Uri("http://127.0.0.1:1/")),
            new WsPeerProtocol(new Uri("http://127.0.0.1:1/")),
        ];
        for (var i = 0; i < shapes.Length; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(shapes[i]);
            check(protocols[i].Classify(bytes) == MessageKind.Event, $"{protocols[i].Name} event not recognised");
            var ok = EventScanner.TryRead(bytes, out var channel, out var offset, out var t);
            check(ok && Encoding.UTF8.GetString(channel) == "public:fanout" && offset == 46 && t == 123456789, $"{protocols[i].Name} fields");
        }

        check(protocols[0].Classify("{\"type\":\"ping\"}"u8) == MessageKind.Ping, "herald ping");
        check(protocols[1].Classify("{\"type\":6}"u8) == MessageKind.Ping, "signalr ping");
        var sub = protocols[0].ParseControl("{\"type\":\"subscribed\",\"id\":1,\"channel\":\"c\",\"epoch\":\"8f3a\",\"offset\":45,\"recovered\":true}"u8);
        check(sub is { Kind: ControlKind.Subscribed, Epoch: "8f3a", Offset: 45, Recovered: true }, "herald subscribed");
        var completion = protocols[1].ParseControl("{\"type\":3,\"invocationId\":\"1\",\"result\":7}"u8);
        check(completion is { Kind: ControlKind.Subscribed, Offset: 7 }, "signalr completion");
    }

    private static void Cursor(Action<bool, string> check)
    {
        var cursor = new ChannelCursor("c");
        cursor.OnSubscribed(new ControlMessage(ControlKind.Subscribed, "c", "e1", 10));
        foreach (var offset in new long[] { 11, 12, 14, 14, 13, 200 })
        {
            cursor.Observe(offset);
        }

        // 15..199 are missing (185), 14 came twice, 13 came after 14.
        check(cursor.Duplicates == 1, $"duplicates {cursor.Duplicates}");
        check(cursor.OutOfOrder == 1, $"out of order {cursor.OutOfOrder}");
        check(cursor.CountLost(200) == 185, $"lost {cursor.CountLost(200)}");
        check(cursor.CountLost(210) == 195, $"lost past the end {cursor.CountLost(210)}");
        cursor.OnSubscribed(new ControlMessage(ControlKind.Subscribed, "c", "e1", 200, Recovered: true));
        check(cursor.Recovered == 1 && cursor.Last == 200, "resume keeps the position");
        cursor.OnSubscribed(new ControlMessage(ControlKind.Subscribed, "c", "e2", 3, Recovered: false));
        check(cursor.Unrecovered == 1 && cursor.Start == 3 && cursor.CountLost(3) == 0, "new epoch starts over");
    }
}
