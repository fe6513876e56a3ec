using Herald.Client.Tests.Support;

namespace Herald.Client.Tests.Reconnect;

/// <summary>The network goes away under a live subscription; the client comes back for exactly what it missed.</summary>
public sealed class NetworkLossTests
{
    [Theory]
    [InlineData(HeraldTransport.WebSocket)]
    [InlineData(HeraldTransport.ServerSentEvents)]
    public async Task Cut_connections_while_publishing_lose_and_duplicate_nothing(HeraldTransport transport)
    {
        const int total = 400;
        await using var server = await HeraldTestServer.StartAsync();
        await using var relay = new TcpRelay(server.BaseAddress);
        using var http = new RecordingHttpHandler();
        await using var client = FastClients.Create(relay.WebSocketUri(), server.Token("alice"), o => (o.Transport, o.HttpHandler) = (transport, http));
        await using var subscription = await client.SubscribeAsync("public:flaky");
        await using var reader = new UpdateReader(subscription);

        // The publisher stays at most 20 events ahead of the reader, so every cut falls mid-stream.
        var receivedCount = 0;
        var publisher = Task.Run(async () =>
        {
            for (var i = 1; i <= total; i++)
            {
                await Eventually.TrueAsync(() => Volatile.Read(ref receivedCount) >= i - 20, $"the reader to reach {i - 20}");
                await server.PublishAsync("public:flaky", "tick", new { i });
            }
        });

        var received = new List<HeraldEvent>();
        foreach (var cutAfter in new[] { 50, 150, 250, total })
        {
            while (received.Count < cutAfter)
            {
                received.Add(await reader.NextAsync<HeraldEvent>());
                Volatile.Write(ref receivedCount, received.Count);
            }

            if (cutAfter < total)
            {
                relay.Cut();
            }
        }

        await publisher;

        received.Select(e => e.Offset).ShouldBe(Enumerable.Range(1, total).Select(i => (long)i));
        received.Select(e => e.Data.GetProperty("i").GetInt32()).ShouldBe(Enumerable.Range(1, total));
        client.ConnectCount.ShouldBeGreaterThanOrEqualTo(4);
        await server.PublishAsync("public:flaky", "last");
        (await reader.NextAsync<HeraldEvent>()).Event.ShouldBe("last");
        if (transport == HeraldTransport.ServerSentEvents)
        {
            // One stream per connection, each after the first resuming from where the last one stopped.
            http.Requests.Count.ShouldBe(client.ConnectCount);
            http.Requests.ShouldAllBe(r => r.Url.AbsolutePath == "/ws/events" && r.Url.Query.Contains("channel=public%3Aflaky"));
            http.Requests.Skip(1).ShouldAllBe(r => r.Url.Query.Contains("since="));
        }
        else
        {
            http.Requests.ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task Every_subscription_is_restored_after_a_reconnect()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var relay = new TcpRelay(server.BaseAddress);
        await using var client = FastClients.Create(relay.WebSocketUri(), server.Token("alice"));
        await using var a = await client.SubscribeAsync("public:a");
        await using var b = await client.SubscribeAsync("user:alice", new SubscribeOptions { Events = ["keep.*"] });
        await using var readA = new UpdateReader(a);
        await using var readB = new UpdateReader(b);

        relay.Cut();
        await server.PublishAsync("public:a", "missed");
        await server.PublishAsync("user:alice", "drop.me");
        await server.PublishAsync("user:alice", "keep.me");
        await Eventually.TrueAsync(() => client.ConnectCount == 2 && client.State == ConnectionState.Connected, "reconnected");

        (await readA.NextAsync<HeraldEvent>()).Event.ShouldBe("missed");
        (await readB.NextAsync<HeraldEvent>()).Event.ShouldBe("keep.me");
    }

    [Fact]
    public async Task A_connection_that_went_silent_like_a_sleeping_laptop_is_replaced_and_resumed()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var relay = new TcpRelay(server.BaseAddress);
        await using var client = FastClients.Create(relay.WebSocketUri(), server.Token("alice"), o => o.HeartbeatTimeout = TimeSpan.FromMilliseconds(500));
        var states = new List<ConnectionState>();
        client.StateChanged += (_, e) => { lock (states) { states.Add(e.State); } };
        await using var subscription = await client.SubscribeAsync("public:sleepy");
        await using var reader = new UpdateReader(subscription);
        await server.PublishAsync("public:sleepy", "before");
        (await reader.NextAsync<HeraldEvent>()).Event.ShouldBe("before");

        relay.Freeze();
        await server.PublishAsync("public:sleepy", "while-asleep");
        await Eventually.TrueAsync(() => client.State != ConnectionState.Connected, "the client noticed the silence");
        relay.Thaw();

        var missed = await reader.NextAsync<HeraldEvent>();
        (missed.Event, missed.Offset).ShouldBe(("while-asleep", 2L));
        lock (states)
        {
            states.ShouldContain(ConnectionState.Reconnecting);
        }
    }
}
