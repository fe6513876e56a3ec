using Herald.Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Herald.Dashboard.Tests;

/// <summary>
/// Server-Sent Events in Chromium, through a relay whose connections the test cuts while it publishes:
/// the browser's own <c>EventSource</c> (a client nobody here wrote) resuming with <c>Last-Event-ID</c>,
/// and the Herald client with <c>transport: "sse"</c>. Each must see every event once, in order.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ServerSentEventsPageTests(PostgresFixture postgres, BrowserFixture chromium) : IClassFixture<BrowserFixture>
{
    private const string Channel = "public:page";
    private const int Rounds = 3;
    private const int PerRound = 20;
    private static readonly float Deadline = (float)TimeSpan.FromSeconds(15).TotalMilliseconds;

    // Written in the test, not our client: a ticket bought with fetch (it sets the cookie the stream
    // reads), then the built-in EventSource, which reconnects by itself after a stream ends.
    private const string EventSourceScript = """
        async (jwt) => {
          window.got = []; window.controls = []; window.failures = 0;
          const bought = await fetch("/ws/ticket", { method: "POST", headers: { Authorization: `Bearer ${jwt}` } });
          if (!bought.ok) throw new Error(`ticket: ${bought.status}`);
          const source = new EventSource("/ws/events?channel=public:page");
          source.addEventListener("tick", (e) => window.got.push(JSON.parse(e.data).data.i));
          source.onmessage = (e) => window.controls.push(JSON.parse(e.data));
          source.onerror = () => window.failures++;
        }
        """;

    private const string HeraldClientScript = """
        async (jwt) => {
          window.got = []; window.controls = []; window.failures = 0;
          const { HeraldClient } = await import("/herald.js");
          const client = new HeraldClient({
            url: "/ws",
            transport: "sse",
            backoff: { initialDelayMs: 50, maxDelayMs: 500 },
            credentials: async () => {
              const bought = await fetch("/ws/ticket", { method: "POST", headers: { Authorization: `Bearer ${jwt}` } });
              return { ticket: (await bought.json()).ticket };
            },
            onStateChange: (change) => change.state === "connected" && window.controls.push({ type: "welcome" }),
          });
          const subscription = await client.subscribe("public:page");
          subscription.onUpdate((update) => update.type === "event" ? window.got.push(update.data.i) : window.controls.push(update));
          window.controls.push({ type: "subscribed" });
          window.herald = client;
        }
        """;

    [Fact]
    public async Task The_browsers_own_EventSource_resumes_with_Last_Event_ID_after_cuts_and_misses_nothing()
    {
        var database = await postgres.Server.CreateDatabaseAsync("sse_eventsource");
        await using var node = HeraldNode.Start("node-a", database);
        await node.WaitReadyAsync();
        await using var relay = new TcpRelay(node.BaseAddress);
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var streams = new List<IRequest>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/ws/events", StringComparison.Ordinal))
            {
                streams.Add(request);
            }
        };

        await page.GotoAsync($"http://127.0.0.1:{relay.Port}/herald.js");
        await page.EvaluateAsync(EventSourceScript, Tokens.For("alice"));
        await PublishThroughCutsAsync(node, relay, page);

        (await page.EvaluateAsync<int[]>("() => window.got")).ShouldBe(Enumerable.Range(1, Rounds * PerRound));
        (await page.EvaluateAsync<int>("() => window.controls.filter((m) => m.type === 'welcome').length")).ShouldBe(Rounds);
        (await page.EvaluateAsync<bool>("() => window.controls.filter((m) => m.type === 'subscribed').slice(1).every((m) => m.recovered === true)")).ShouldBeTrue();
        streams.Count.ShouldBe(Rounds);
        var resumedWith = new List<string?>();
        foreach (var stream in streams.Skip(1))
        {
            resumedWith.Add((await stream.AllHeadersAsync()).GetValueOrDefault("last-event-id"));
        }

        resumedWith.ShouldAllBe(id => id != null && id.EndsWith(":" + Channel, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_Herald_client_over_SSE_in_a_page_misses_nothing_across_cuts()
    {
        var database = await postgres.Server.CreateDatabaseAsync("sse_client");
        await using var node = HeraldNode.Start("node-a", database);
        await node.WaitReadyAsync();
        await using var relay = new TcpRelay(node.BaseAddress);
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        var webSockets = 0;
        page.WebSocket += (_, _) => webSockets++;

        await page.GotoAsync($"http://127.0.0.1:{relay.Port}/herald.js");
        await page.EvaluateAsync(HeraldClientScript, Tokens.For("alice"));
        await PublishThroughCutsAsync(node, relay, page);

        (await page.EvaluateAsync<int[]>("() => window.got")).ShouldBe(Enumerable.Range(1, Rounds * PerRound));
        (await page.EvaluateAsync<int>("() => window.controls.filter((m) => m.type === 'welcome').length")).ShouldBeGreaterThanOrEqualTo(Rounds);
        (await page.EvaluateAsync<int>("() => window.controls.filter((m) => m.type === 'gap').length")).ShouldBe(0);
        webSockets.ShouldBe(0);
        await page.EvaluateAsync("() => window.herald.close()");
        errors.ShouldBeEmpty();
    }

    /// <summary>Publishes rounds of events; before each round after the first the relay cuts the page's stream, so that round is published while the page reconnects.</summary>
    private static async Task PublishThroughCutsAsync(HeraldNode node, TcpRelay relay, IPage page)
    {
        await page.WaitForFunctionAsync("() => window.controls.some((m) => m.type === 'subscribed')", null, new() { Timeout = Deadline, PollingInterval = 50 });
        var next = 1;
        for (var round = 1; round <= Rounds; round++)
        {
            if (round > 1)
            {
                relay.Cut();
            }

            for (var i = 0; i < PerRound; i++, next++)
            {
                (await node.PublishAsync(Channel, "tick", new { i = next })).EnsureSuccessStatusCode();
            }

            await page.WaitForFunctionAsync($"() => window.got.length >= {next - 1}", null, new() { Timeout = Deadline, PollingInterval = 50 });
        }
    }
}
