using System.Net;
using Herald.Api.Tests.Support;
using Herald.Log;
using Herald.Log.Memory;
using Herald.Security;
using Herald.Server;
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

    private static async Task<(HeraldTestServer Server, OutageLog Log)> StartAsync()
    {
        OutageLog? log = null;
        var server = await HeraldTestServer.StartAsync(null, settings => HeraldServerApp.Create([], builder =>
        {
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddInMemoryCollection(settings);

            // Registered before AddHerald, so it replaces the in-memory default.
            builder.Services.AddSingleton<IEventLog>(sp =>
            {
                var rules = sp.GetRequiredService<NamespaceRules>();
                return log = new OutageLog(new InMemoryEventLog(TimeProvider.System, rules.RetentionOf));
            });
        }));
        _ = server.Services.GetRequiredService<IEventLog>();
        return (server, log!);
    }
}
