using System.Web;
using Herald.Client.Tests.Support;

namespace Herald.Client.Tests.ServerSentEvents;

/// <summary>
/// The client over Server-Sent Events: a stream reopened when its channels change, per-subscription options on
/// one stream. (Cut streams while publishing: NetworkLossTests, over both transports.)
/// </summary>
public sealed class ServerSentEventsTransportTests
{
    [Fact]
    public async Task Subscribe_and_unsubscribe_reopen_the_stream_and_the_held_channel_misses_nothing()
    {
        await using var server = await HeraldTestServer.StartAsync();
        using var http = new RecordingHttpHandler();
        await using var client = FastClients.Create(server.WebSocketUri(), server.Token("alice"), Sse(http));
        var a = await client.SubscribeAsync("public:a");
        await using var readA = new UpdateReader(a);
        await server.PublishAsync("public:a", "one");
        (await readA.NextAsync<HeraldEvent>()).Event.ShouldBe("one");

        var subscribing = client.SubscribeAsync("public:b");
        await server.PublishAsync("public:a", "two"); // While the stream is reopened.
        await using var b = await subscribing;
        await using var readB = new UpdateReader(b);
        await server.PublishAsync("public:a", "three");
        await server.PublishAsync("public:b", "hello");
        (await readA.EventsAsync(2)).Select(e => (e.Offset, e.Event)).ShouldBe([(2L, "two"), (3L, "three")]);
        (await readB.NextAsync<HeraldEvent>()).Event.ShouldBe("hello");
        Query(http.Requests[^1].Url, "channel").ShouldBe("public:a,public:b");

        var before = http.Requests.Count;
        await a.DisposeAsync();
        await Eventually.TrueAsync(() => http.Requests.Count > before, "a stream without public:a");
        Query(http.Requests[^1].Url, "channel").ShouldBe("public:b");
        await server.PublishAsync("public:b", "again");
        (await readB.NextAsync<HeraldEvent>()).Event.ShouldBe("again");
    }

    [Fact]
    public async Task A_channel_the_stream_refuses_fails_that_subscribe_and_the_others_stay()
    {
        await using var server = await HeraldTestServer.StartAsync();
        using var http = new RecordingHttpHandler();
        await using var client = FastClients.Create(server.WebSocketUri(), server.Token("alice"), Sse(http));
        await using var mine = await client.SubscribeAsync("user:alice");
        await using var reader = new UpdateReader(mine);

        var refused = await Should.ThrowAsync<HeraldException>(() => client.SubscribeAsync("user:bob"));

        refused.Code.ShouldBe("ACCESS_DENIED");
        await server.PublishAsync("user:alice", "hello");
        (await reader.NextAsync<HeraldEvent>()).Event.ShouldBe("hello");
        client.State.ShouldBe(ConnectionState.Connected);
        http.Requests.Select(r => ((int)r.Status, Query(r.Url, "channel"))).ShouldBe([(200, "user:alice"), (403, "user:alice,user:bob"), (200, "user:alice")]);
    }

    [Fact]
    public async Task Events_and_snapshot_options_hold_per_subscription_on_one_stream()
    {
        await using var server = await HeraldTestServer.StartAsync();
        using var http = new RecordingHttpHandler();
        await using var client = FastClients.Create(server.WebSocketUri(), server.Token("alice"), Sse(http));
        await server.PublishAsync("public:tasks", "TASK_CREATED", new { n = 1 }, key: "t1");
        var subscribing = client.SubscribeAsync("public:tasks", new SubscribeOptions { Events = ["TASK_*"], Snapshot = true });
        await using var all = await client.SubscribeAsync("public:other");
        await using var tasks = await subscribing;
        await using var readTasks = new UpdateReader(tasks);
        await using var readAll = new UpdateReader(all);

        (await readTasks.NextAsync<HeraldSnapshot>()).Items.Select(i => i.Key).ShouldBe(["t1"]);
        await server.PublishAsync("public:tasks", "NOTE", new { });
        await server.PublishAsync("public:tasks", "TASK_DONE", new { n = 1 }, key: "t1");
        await server.PublishAsync("public:other", "NOTE", new { });

        (await readTasks.NextAsync<HeraldEvent>()).Event.ShouldBe("TASK_DONE");
        (await readAll.NextAsync()).ShouldBeOfType<HeraldEvent>().Event.ShouldBe("NOTE"); // No snapshot it did not ask for.
        var asked = http.Requests[^1].Url;
        (Query(asked, "channel"), Query(asked, "events"), Query(asked, "snapshot")).ShouldBe(("public:tasks,public:other", "", "true"));
    }

    private static Action<HeraldClientOptions> Sse(HttpMessageHandler handler) => options =>
    {
        options.Transport = HeraldTransport.ServerSentEvents;
        options.HttpHandler = handler;
    };

    private static string Query(Uri url, string name) => string.Join(',', HttpUtility.ParseQueryString(url.Query).GetValues(name) ?? []);
}
