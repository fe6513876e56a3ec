using Herald.Client.Tests.Support;

namespace Herald.Client.Tests.Connection;

/// <summary>The client against a scripted server: what it does after each close code.</summary>
public sealed class CloseCodeTests
{
    [Theory]
    [InlineData(4003, "ACCESS_DENIED")]
    [InlineData(4400, null)]
    [InlineData(1009, "MESSAGE_TOO_LARGE")]
    public async Task Stops_for_good_on_close_codes_that_say_stop(int code, string? error)
    {
        await using var server = await ScriptedServer.StartAsync(async (c, _) =>
        {
            await c.WelcomeAsync();
            if (error is not null)
            {
                await c.SendAsync($$"""{"type":"error","code":"{{error}}","message":"no"}""");
            }

            await c.CloseAsync(code);
        });
        await using var client = FastClients.Create(server.Url, "t");
        await client.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));

        var stopped = await client.Stopped.WaitAsync(TimeSpan.FromSeconds(10));

        stopped.CloseCode.ShouldBe(code);
        stopped.ErrorCode.ShouldBe(error);
        stopped.Disposed.ShouldBeFalse();
        client.State.ShouldBe(ConnectionState.Stopped);
        server.Count.ShouldBe(1);
        await Should.ThrowAsync<HeraldStoppedException>(() => client.SubscribeAsync("public:x"));
    }

    [Theory]
    [InlineData(1001)]
    [InlineData(1011)]
    [InlineData(4000)]
    [InlineData(4008)]
    [InlineData(4029)]
    public async Task Resumes_with_since_after_close_codes_that_say_resume(int code)
    {
        JsonElementBox resume = new();
        await using var server = await ScriptedServer.StartAsync(async (c, n) =>
        {
            await c.WelcomeAsync();
            if (n == 1)
            {
                await c.AcceptSubscribeAsync("e1", 0);
                await c.SendAsync(ScriptedConnection.Event("public:x", 1), ScriptedConnection.Event("public:x", 2));
                await c.CloseAsync(code);
                return;
            }

            resume.Value = await c.AcceptSubscribeAsync("e1", 3, recovered: true);
            await c.SendAsync(ScriptedConnection.Event("public:x", 3));
            await c.StayOpenAsync();
        });
        var provider = new RecordingProvider(_ => HeraldCredential.Token("t"));
        await using var client = FastClients.Create(server.Url, provider.Provider);
        await using var subscription = await client.SubscribeAsync("public:x");
        await using var reader = new UpdateReader(subscription);

        var events = await reader.EventsAsync(3);

        events.Select(e => e.Offset).ShouldBe([1L, 2L, 3L]);
        var since = resume.Value.GetProperty("since");
        (since.Str("epoch"), since.Long("offset")).ShouldBe(("e1", 2L));
        provider.Requests.Select(r => r.Reason).ShouldBe([CredentialReason.Connect, CredentialReason.Reconnect]);
        client.ConnectCount.ShouldBe(2);
    }

    [Fact]
    public async Task Duplicates_are_dropped_by_offset()
    {
        await using var server = await ScriptedServer.StartAsync(async (c, _) =>
        {
            await c.WelcomeAsync();
            await c.AcceptSubscribeAsync("e1", 0);
            await c.SendAsync(
                ScriptedConnection.Event("public:d", 1),
                ScriptedConnection.Event("public:d", 2),
                ScriptedConnection.Event("public:d", 2),
                ScriptedConnection.Event("public:d", 3),
                ScriptedConnection.Event("public:d", 1),
                ScriptedConnection.Event("public:d", 5));
            await c.StayOpenAsync();
        });
        await using var client = FastClients.Create(server.Url, "t");
        await using var subscription = await client.SubscribeAsync("public:d");
        await using var reader = new UpdateReader(subscription);

        (await reader.EventsAsync(4)).Select(e => e.Offset).ShouldBe([1L, 2L, 3L, 5L]);

        subscription.DuplicatesDropped.ShouldBe(2);
        subscription.Position.ShouldBe(new StreamPosition("e1", 5));
    }

    [Fact]
    public async Task A_resume_that_is_not_recovered_yields_a_gap_then_the_snapshot()
    {
        await using var server = await ScriptedServer.StartAsync(async (c, n) =>
        {
            await c.WelcomeAsync();
            if (n == 1)
            {
                await c.AcceptSubscribeAsync("old", 7);
                await c.SendAsync(ScriptedConnection.Event("public:g", 8));
                await c.CloseAsync(1001);
                return;
            }

            var subscribe = await c.AcceptSubscribeAsync("new", 2, recovered: false);
            subscribe.GetProperty("snapshot").GetBoolean().ShouldBeTrue();
            await c.SendAsync(
                """{"type":"snapshot","channel":"public:g","epoch":"new","offset":2,"items":[{"key":"a","offset":2,"event":"s","data":{"v":2},"ts":"2026-11-22T10:00:00.000Z"}]}""",
                ScriptedConnection.Event("public:g", 3));
            await c.StayOpenAsync();
        });
        await using var client = FastClients.Create(server.Url, "t");
        await using var subscription = await client.SubscribeAsync("public:g", new SubscribeOptions { Snapshot = true });
        await using var reader = new UpdateReader(subscription);

        (await reader.NextAsync<HeraldEvent>()).Offset.ShouldBe(8);
        var gap = await reader.NextAsync<HistoryGap>();
        var snapshot = await reader.NextAsync<HeraldSnapshot>();
        var live = await reader.NextAsync<HeraldEvent>();

        gap.Since.ShouldBe(new StreamPosition("old", 8));
        gap.Position.ShouldBe(new StreamPosition("new", 2));
        gap.SnapshotFollows.ShouldBeTrue();
        snapshot.Position.ShouldBe(new StreamPosition("new", 2));
        snapshot.Items.Single().Key.ShouldBe("a");
        snapshot.Items.Single().Data.GetProperty("v").GetInt32().ShouldBe(2);
        live.Offset.ShouldBe(3);
        subscription.Position.ShouldBe(new StreamPosition("new", 3));
    }

    [Fact]
    public async Task On_4001_a_new_credential_from_the_provider_is_used_for_the_next_connection()
    {
        await using var server = await ScriptedServer.StartAsync(async (c, n) =>
        {
            if (n == 1)
            {
                await c.SendAsync("""{"type":"error","code":"TOKEN_EXPIRED","message":"expired"}""");
                await c.CloseAsync(4001, "TOKEN_EXPIRED");
                return;
            }

            await c.WelcomeAsync();
            await c.StayOpenAsync();
        });
        var provider = new RecordingProvider(r => HeraldCredential.Token(r.Reason == CredentialReason.Rejected ? "fresh" : "stale"));
        await using var client = FastClients.Create(server.Url, provider.Provider);

        await client.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));

        server.Connections.Select(c => c.Authorization).ShouldBe(["Bearer stale", "Bearer fresh"]);
        var rejected = provider.Requests.Single(r => r.Reason == CredentialReason.Rejected);
        rejected.ErrorCode.ShouldBe("TOKEN_EXPIRED");
        rejected.Current.ShouldBe(HeraldCredential.Token("stale"));
    }

    [Fact]
    public async Task On_4001_with_nothing_new_from_the_provider_the_client_stops()
    {
        await using var server = await ScriptedServer.StartAsync(async (c, _) =>
        {
            await c.SendAsync("""{"type":"error","code":"INVALID_CREDENTIALS","message":"revoked"}""");
            await c.CloseAsync(4001, "INVALID_CREDENTIALS");
        });
        var provider = new RecordingProvider(_ => HeraldCredential.ApiKey("hk_revoked"));
        await using var client = FastClients.Create(server.Url, provider.Provider);

        var failure = await Should.ThrowAsync<HeraldStoppedException>(() => client.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10)));

        failure.Reason.CloseCode.ShouldBe(4001);
        failure.Code.ShouldBe("INVALID_CREDENTIALS");
        server.Count.ShouldBe(1);
        server.Connections.Single().ApiKey.ShouldBe("hk_revoked");
        provider.Requests.Select(r => r.Reason).ShouldBe([CredentialReason.Connect, CredentialReason.Rejected]);
    }

    [Fact]
    public async Task A_provider_with_no_credential_stops_the_client()
    {
        await using var server = await ScriptedServer.StartAsync((c, _) => c.StayOpenAsync());
        await using var client = FastClients.Create(server.Url, (_, _) => ValueTask.FromResult<HeraldCredential?>(null));

        await Should.ThrowAsync<HeraldStoppedException>(() => client.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10)));

        server.Count.ShouldBe(0);
    }

    [Fact]
    public async Task A_server_gone_silent_is_given_up_after_the_heartbeat_timeout_and_replaced()
    {
        await using var server = await ScriptedServer.StartAsync(async (c, _) =>
        {
            await c.WelcomeAsync(pingInterval: 1);
            await c.StayOpenAsync();
        });
        await using var client = FastClients.Create(server.Url, "t", o => o.HeartbeatTimeout = TimeSpan.FromMilliseconds(300));

        await client.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(() => client.ConnectCount >= 2, "a second connection after the first went silent");
    }

    [Fact]
    public async Task Server_pings_are_answered_with_pong()
    {
        await using var server = await ScriptedServer.StartAsync(async (c, _) =>
        {
            await c.WelcomeAsync();
            await c.SendAsync("""{"type":"ping"}""");
            await c.SendAsync("""{"type":"ping"}""");
            await c.StayOpenAsync();
        });
        await using var client = FastClients.Create(server.Url, "t");

        await client.ConnectAsync();

        await Eventually.TrueAsync(() => server.Connections.Single().Pongs == 2, "two pongs");
    }
}
