using Herald.Client.Tests.Support;

namespace Herald.Client.Tests.Credentials;

/// <summary>Tokens that expire: refreshed in place, replaced on reconnect, or the end of the client.</summary>
public sealed class TokenLifecycleTests
{
    [Fact]
    public async Task On_expiring_the_client_refreshes_and_keeps_its_connection_and_subscriptions()
    {
        // A notice longer than the token's life: `expiring` comes at the first heartbeat tick.
        await using var server = await HeraldTestServer.StartAsync(new() { ["Herald:ExpiringNotice"] = "3600" });
        var shortLived = new LazyToken(server, "alice", TimeSpan.FromSeconds(3));
        var fresh = HeraldCredential.Token(server.TokenFor("alice", TimeSpan.FromHours(2)));
        var provider = new RecordingProvider(r => r.Reason == CredentialReason.Connect ? shortLived.Credential() : fresh);
        await using var client = FastClients.Create(server.WebSocketUri(), provider.Provider);
        await using var subscription = await client.SubscribeAsync("public:refresh");
        await using var reader = new UpdateReader(subscription);

        await Eventually.TrueAsync(() => provider.Count(CredentialReason.Expiring) >= 1, "expiring asked the provider");
        await Eventually.TrueAsync(() => DateTimeOffset.UtcNow > shortLived.ExpiresBy.AddSeconds(1.5), "the first token's expiry passed", TimeSpan.FromSeconds(15));
        await server.PublishAsync("public:refresh", "still-here");

        (await reader.NextAsync<HeraldEvent>()).Event.ShouldBe("still-here");
        client.ConnectCount.ShouldBe(1);
        client.State.ShouldBe(ConnectionState.Connected);
        provider.Count(CredentialReason.Rejected).ShouldBe(0);
    }

    [Fact]
    public async Task A_token_that_expired_while_asleep_is_replaced_on_reconnect_and_nothing_is_missed()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var relay = new TcpRelay(server.BaseAddress);
        var shortLived = new LazyToken(server, "alice", TimeSpan.FromSeconds(3));
        var fresh = HeraldCredential.Token(server.TokenFor("alice", TimeSpan.FromHours(1)));

        // The app had no new token when `expiring` came (it was asleep); on waking it gets one.
        var provider = new RecordingProvider(r => r.Reason is CredentialReason.Connect or CredentialReason.Expiring ? shortLived.Credential() : fresh);
        await using var client = FastClients.Create(relay.WebSocketUri(), provider.Provider, o => o.HeartbeatTimeout = TimeSpan.FromMilliseconds(500));
        await using var subscription = await client.SubscribeAsync("user:alice");
        await using var reader = new UpdateReader(subscription);
        await server.PublishAsync("user:alice", "one");
        (await reader.NextAsync<HeraldEvent>()).Event.ShouldBe("one");

        relay.Freeze();
        await server.PublishAsync("user:alice", "two");
        await server.PublishAsync("user:alice", "three");
        await Eventually.TrueAsync(() => DateTimeOffset.UtcNow > shortLived.ExpiresBy.AddSeconds(1), "the token expired during the sleep", TimeSpan.FromSeconds(15));
        relay.Thaw();

        (await reader.EventsAsync(2)).Select(e => (e.Event, e.Offset)).ShouldBe([("two", 2L), ("three", 3L)]);
        provider.Count(CredentialReason.Reconnect).ShouldBeGreaterThanOrEqualTo(1);
        client.Stopped.IsCompleted.ShouldBeFalse();
    }

    [Fact]
    public async Task A_token_that_expires_with_nothing_new_from_the_provider_stops_the_client()
    {
        await using var server = await HeraldTestServer.StartAsync();
        var token = new LazyToken(server, "alice", TimeSpan.FromSeconds(3));
        var provider = new RecordingProvider(_ => token.Credential());
        await using var client = FastClients.Create(server.WebSocketUri(), provider.Provider);
        await using var subscription = await client.SubscribeAsync("public:ends");
        await using var reader = new UpdateReader(subscription);

        var stopped = await client.Stopped.WaitAsync(TimeSpan.FromSeconds(15));

        stopped.CloseCode.ShouldBe(4001);
        stopped.ErrorCode.ShouldBe("TOKEN_EXPIRED");
        var ended = await Should.ThrowAsync<HeraldStoppedException>(() => reader.NextAsync());
        ended.Reason.ShouldBe(stopped);
        var reasons = provider.Requests.Select(r => r.Reason).ToList();
        reasons[0].ShouldBe(CredentialReason.Connect);
        reasons[^1].ShouldBe(CredentialReason.Rejected);
        reasons.ShouldNotContain(CredentialReason.Reconnect);
        client.ConnectCount.ShouldBe(1);
    }
}
