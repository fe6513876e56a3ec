using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Cluster;

public sealed partial class MetricsTests
{
    [Fact]
    public async Task Metrics_parse_as_Prometheus_text_and_count_what_happened()
    {
        await using var server = await ClusterApp.StartAsync(new FakeTimeProvider(DateTimeOffset.UtcNow));
        await using (var client = await server.ConnectWelcomedAsync(server.Token("alice")))
        {
            await client.SendAsync(new { type = "subscribe", channel = "public:m" });
            await client.NextOfTypeAsync("subscribed");
            for (var i = 0; i < 3; i++)
            {
                await server.PublishAsync("public:m", "e");
            }

            await client.CollectAsync("event", 3);
            await client.CloseAsync();
        }

        await Eventually.TrueAsync(() => server.Services.GetRequiredService<Herald.Diagnostics.HeraldCounters>().Connections == 0, "the connection to close");
        var response = await server.Http.GetAsync("/metrics");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        var samples = Parse(await response.Content.ReadAsStringAsync());

        samples["herald_connections"].ShouldBe(0);
        samples["herald_deliveries_total"].ShouldBeGreaterThanOrEqualTo(3);
        samples["herald_events_in_total"].ShouldBeGreaterThanOrEqualTo(3);
        samples["herald_connections_closed_total{code=\"1000\"}"].ShouldBe(1);
        samples["herald_publish_duration_seconds_count"].ShouldBeGreaterThanOrEqualTo(3);
        samples["herald_publish_duration_seconds_bucket{le=\"+Inf\"}"].ShouldBe(samples["herald_publish_duration_seconds_count"]);

        // Durations are in seconds: a local in-memory publish takes well under one.
        samples["herald_publish_duration_seconds_sum"].ShouldBeLessThan(samples["herald_publish_duration_seconds_count"]);
        samples["herald_publish_duration_seconds_bucket{le=\"1\"}"].ShouldBe(samples["herald_publish_duration_seconds_count"]);
        samples.Keys.ShouldContain("herald_websocket_sent_bytes_total");
        samples.Keys.ShouldContain("herald_queue_overflows_total");
        samples.Keys.ShouldContain("herald_subscriptions");
    }

    [Fact]
    public async Task Each_app_in_a_process_reports_only_its_own_meter()
    {
        await using var busy = await ClusterApp.StartAsync(new FakeTimeProvider(DateTimeOffset.UtcNow));
        await using var quiet = await ClusterApp.StartAsync(new FakeTimeProvider(DateTimeOffset.UtcNow));
        await using var open = await busy.ConnectWelcomedAsync(busy.Token("alice"));
        await using (var closed = await busy.ConnectWelcomedAsync(busy.Token("bob")))
        {
            await closed.CloseAsync();
        }

        await Eventually.TrueAsync(() => busy.Services.GetRequiredService<Herald.Diagnostics.HeraldCounters>().Connections == 1, "bob's connection to close");
        var busySamples = Parse(await busy.Http.GetStringAsync("/metrics"));
        var quietSamples = Parse(await quiet.Http.GetStringAsync("/metrics"));

        busySamples["herald_connections"].ShouldBe(1);
        busySamples["herald_connections_closed_total{code=\"1000\"}"].ShouldBe(1);
        quietSamples["herald_connections"].ShouldBe(0);
        quietSamples.Keys.ShouldNotContain(k => k.StartsWith("herald_connections_closed_total", StringComparison.Ordinal));
    }

    /// <summary>
    /// A strict reader of the text format's rules: TYPE before samples of its family, valid
    /// names and labels, float values, cumulative histogram buckets ending in +Inf = _count.
    /// </summary>
    private static Dictionary<string, double> Parse(string text)
    {
        var samples = new Dictionary<string, double>();
        var types = new Dictionary<string, string>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                parts.Length.ShouldBe(4, line);
                parts[3].ShouldBeOneOf("counter", "gauge", "histogram", "summary", "untyped");
                types.ShouldNotContainKey(parts[2], "one TYPE per family");
                types[parts[2]] = parts[3];
                continue;
            }

            if (line.StartsWith('#'))
            {
                line.ShouldStartWith("# HELP ");
                continue;
            }

            var match = Sample().Match(line);
            match.Success.ShouldBeTrue($"not a valid sample line: {line}");
            var name = match.Groups["name"].Value;
            types.Keys.ShouldContain(f => name == f || name == f + "_total" || name == f + "_bucket" || name == f + "_sum" || name == f + "_count", $"{name} has no TYPE before it");
            // name{} is name: the exporter writes empty braces, Prometheus reads them as no labels.
            var labels = match.Groups["labels"].Value;
            samples[name + (labels == "{}" ? "" : labels)] = double.Parse(match.Groups["value"].Value.Replace("+Inf", "Infinity", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        }

        foreach (var family in types.Where(t => t.Value == "histogram").Select(t => t.Key))
        {
            var buckets = samples.Where(s => s.Key.StartsWith(family + "_bucket", StringComparison.Ordinal)).Select(s => s.Value).ToList();
            buckets.ShouldBe(buckets.Order().ToList(), "histogram buckets are cumulative");
        }

        return samples;
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<labels>\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*\})? (?<value>[-+]?(\d+(\.\d+)?([eE][-+]?\d+)?|Inf|NaN|\+Inf))$""")]
    private static partial Regex Sample();
}
