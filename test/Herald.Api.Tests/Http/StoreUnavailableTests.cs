using System.Diagnostics;
using System.Net;
using Herald.Api.Tests.Support;
using Herald.Log;
using Herald.Log.Memory;
using Herald.Security;
using Herald.Server;
using Herald.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Api.Tests.Http;

/// <summary>When the store is unreachable: readiness says so, and publishes are 503 INTERNAL, never acknowledged.</summary>
public sealed class StoreUnavailableTests
{
    [Fact]
    public async Task Readiness_fails_while_liveness_holds()
    {
        var (server, log) = await StartAsync();
        await using var _ = server;
        log.Down = true;

        var ready = await server.GetAsync("/health/ready", null);
        var live = await server.GetAsync("/health/live", null);

        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        live.StatusCode.ShouldBe(HttpStatusCode.OK);
        log.Down = false;
        (await server.GetAsync("/health/ready", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_publish_during_an_outage_is_503_internal_and_a_retry_with_the_same_key_publishes_once()
    {
        var (server, log) = await StartAsync();
        await using var _ = server;
        var publisher = server.Token("backend", "publish");
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));
        await client.SubscribeAsync("public:jobs");
        var message = new { channel = "public:jobs", @event = "done", idempotency_key = "job-1-done" };

        log.Down = true;
        var refused = await server.PostAsync("/api/publish", publisher, message);
        var refusedBatch = await server.PostAsync("/api/publish/batch", publisher, new { messages = new[] { message } });
        log.Down = false;
        var retried = await server.PostAsync("/api/publish", publisher, message);

        await refused.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "INTERNAL");
        await refusedBatch.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "INTERNAL");
        (await retried.ShouldBeOkJsonAsync()).Long("offset").ShouldBe(1);
        await server.PublishAsync("public:jobs", "marker");
        (await client.EventsUntilAsync("marker")).ShouldBe(["done"]);
    }

    [Fact]
    public async Task A_store_that_stops_answering_makes_publishes_fail_within_the_deadline_and_readiness_answer_at_once()
    {
        var (server, log) = await StartAsync(new() { ["Herald:PublishTimeout"] = "00:00:01" });
        await using var _ = server;
        var publisher = server.Token("backend", "publish");
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));
        await client.SubscribeAsync("public:jobs");

        log.Stall();
        var clock = Stopwatch.StartNew();
        var stuck = await server.PostAsync("/api/publish", publisher, new { channel = "public:jobs", @event = "stuck", idempotency_key = "stuck-1" });
        var overHttp = clock.Elapsed;
        clock.Restart();
        var inProcess = await Should.ThrowAsync<PublishException>(async () =>
            await server.Services.GetRequiredService<IHeraldPublisher>().PublishAsync(PublishRequest.WithoutData("public:jobs", "queued")));
        var overCall = clock.Elapsed;
        clock.Restart();
        var ready = await server.GetAsync("/health/ready", null);
        var readyTook = clock.Elapsed;

        await stuck.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "INTERNAL");
        overHttp.ShouldBeLessThan(TimeSpan.FromSeconds(3));
        inProcess.Code.ShouldBe("INTERNAL");
        overCall.ShouldBeLessThan(TimeSpan.FromSeconds(3));
        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        readyTook.ShouldBeLessThan(TimeSpan.FromSeconds(2));

        // The store answers again: the publish it was holding commits (a timed-out publish may),
        // the one still queued behind it does not, and a retry with the same key publishes nothing twice.
        log.Resume();
        (await server.GetAsync("/health/ready", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var retried = await server.PostAsync("/api/publish", publisher, new { channel = "public:jobs", @event = "stuck", idempotency_key = "stuck-1" });
        (await retried.ShouldBeOkJsonAsync()).Long("offset").ShouldBe(1);
        await server.PublishAsync("public:jobs", "marker");
        (await client.EventsUntilAsync("marker")).ShouldBe(["stuck"]);
    }

    private static async Task<(HeraldTestServer Server, OutageLog Log)> StartAsync(Dictionary<string, string?>? overrides = null)
    {
        OutageLog? log = null;
        var server = await HeraldTestServer.StartAsync(overrides, settings => HeraldServerApp.Create([], builder =>
        {
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddInMemoryCollection(settings);

            // Registered before AddHerald, so it replaces the in-memory default.
            builder.Services.AddSingleton<IEventLog>(_ => log = new OutageLog(new InMemoryEventLog(TimeProvider.System)));
        }));
        _ = server.Services.GetRequiredService<IEventLog>();
        return (server, log!);
    }
}
