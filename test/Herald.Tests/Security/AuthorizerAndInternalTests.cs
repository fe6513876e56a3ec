using Herald.Log;
using Herald.Log.Memory;
using Herald.Protocol;
using Herald.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Security;

public sealed class AuthorizerAndInternalTests
{
    [Fact]
    public async Task An_application_authorizer_decides_ownership()
    {
        await using var server = await HeraldTestServer.StartAsync(
            new() { ["Herald:Namespaces:job:HistorySize"] = "10" },
            services => services.AddSingleton<IChannelAuthorizer>(new JobOwners(new() { ["job:42"] = "alice" })));
        await using var alice = await server.ConnectWelcomedAsync(server.Token("alice"));
        await using var bob = await server.ConnectWelcomedAsync(server.Token("bob"));

        await alice.SendAsync(new { type = "subscribe", id = 1, channel = "job:42" });
        await bob.SendAsync(new { type = "subscribe", id = 1, channel = "job:42" });

        (await alice.NextOfTypeAsync("subscribed")).Str("channel").ShouldBe("job:42");
        (await bob.NextOfTypeAsync("error")).Str("code").ShouldBe(ErrorCodes.AccessDenied);
        await server.PublishAsync("job:42", "TASK_CREATED");
        (await alice.NextOfTypeAsync("event")).Str("event").ShouldBe("TASK_CREATED");
        (await bob.StaysQuietAsync(TimeSpan.FromMilliseconds(200))).ShouldBeTrue();
    }

    [Fact]
    public async Task A_store_fault_answers_INTERNAL_and_the_connection_stays_usable()
    {
        await using var server = await HeraldTestServer.StartAsync(null, services => services.AddSingleton<IEventLog>(sp =>
            new BrokenChannelLog(new InMemoryEventLog(TimeProvider.System), "public:broken")));
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));

        await client.SendAsync(new { type = "subscribe", id = "b", channel = "public:broken" });
        var error = await client.NextOfTypeAsync("error");
        (error.Str("code"), error.Str("id")).ShouldBe((ErrorCodes.Internal, "b"));

        await client.SendAsync(new { type = "subscribe", id = "ok", channel = "public:fine" });
        (await client.NextOfTypeAsync("subscribed")).Str("id").ShouldBe("ok");
        await server.PublishAsync("public:broken", "ignored");
        await server.PublishAsync("public:fine", "delivered");
        (await client.NextOfTypeAsync("event")).Str("event").ShouldBe("delivered");
    }

    [Fact]
    public void Principals_with_the_same_attributes_share_one_permission_set()
    {
        var a = PermissionSet.For(["x", "y"]);
        var b = PermissionSet.For(["y", "x", "x"]);

        b.ShouldBeSameAs(a);
        var rule = new AttributeRequirement(["y"]);
        a.Satisfies(rule).ShouldBeTrue();
        PermissionSet.For(["x"]).Satisfies(rule).ShouldBeFalse();
    }

    private sealed class JobOwners(Dictionary<string, string> owners) : IChannelAuthorizer
    {
        public ValueTask<bool> CanSubscribeAsync(HeraldPrincipal principal, string channel, CancellationToken cancellationToken) =>
            ValueTask.FromResult(owners.GetValueOrDefault(channel) == principal.Subject);
    }

    private sealed class BrokenChannelLog(IEventLog inner, string broken) : IEventLog
    {
        public ValueTask<IReadOnlyList<AppendOutcome>> AppendAsync(IReadOnlyList<AppendRequest> batch, CancellationToken cancellationToken) =>
            inner.AppendAsync(batch, cancellationToken);

        public ValueTask<StreamHead> ReadHeadAsync(string channel, CancellationToken cancellationToken) =>
            channel == broken ? throw new IOException("disk on fire") : inner.ReadHeadAsync(channel, cancellationToken);

        public ValueTask<IReadOnlyList<LogEntry>> ReadRangeAsync(string channel, long after, long through, int limit, CancellationToken cancellationToken) =>
            inner.ReadRangeAsync(channel, after, through, limit, cancellationToken);

        public ValueTask<IReadOnlyList<LogEntry>> ReadLatestAsync(string channel, CancellationToken cancellationToken) => inner.ReadLatestAsync(channel, cancellationToken);

        public ValueTask<bool> IsHealthyAsync(CancellationToken cancellationToken) => inner.IsHealthyAsync(cancellationToken);
    }
}
