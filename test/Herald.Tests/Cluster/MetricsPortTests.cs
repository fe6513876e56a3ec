using System.Net;

namespace Herald.Tests.Cluster;

/// <summary><c>Herald:MetricsUrl</c>: Prometheus scrapes a port of its own, the public port has no <c>/metrics</c>.</summary>
public sealed class MetricsPortTests
{
    [Fact]
    public async Task Metrics_answer_on_their_own_port_only_and_that_port_serves_nothing_else()
    {
        var port = FreePorts.Next();
        await using var server = await HeraldTestServer.StartAsync(new()
        {
            ["Herald:ClusterFeed"] = "true",
            ["Herald:MetricsUrl"] = $"http://127.0.0.1:{port}",
        });
        using var metrics = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var scrape = await metrics.GetAsync("/metrics");
        scrape.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await scrape.Content.ReadAsStringAsync()).ShouldContain("herald_connections");
        (await metrics.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await metrics.PostAsync("/metrics", null)).StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);

        (await server.Http.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // A Host header naming the metrics port does not open it on the public port.
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        spoofed.Headers.Host = $"127.0.0.1:{port}";
        (await server.Http.SendAsync(spoofed)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await metrics.GetAsync("/api/stats")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await server.Http.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_metrics_url_without_a_fixed_port_is_refused_at_start_up()
    {
        var failure = await Should.ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>(async () =>
        {
            await using var server = await HeraldTestServer.StartAsync(new()
            {
                ["Herald:ClusterFeed"] = "true",
                ["Herald:MetricsUrl"] = "http://127.0.0.1:0",
            });
        });
        failure.Message.ShouldContain("Herald:MetricsUrl must be an http:// or https:// URL with a fixed port");
    }
}
