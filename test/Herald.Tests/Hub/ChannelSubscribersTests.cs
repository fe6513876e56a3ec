using System.Net.WebSockets;
using Herald.AspNetCore.Transport.WebSockets;
using Herald.Configuration;
using Herald.Hub;
using Herald.Security;
using Herald.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Herald.Tests.Hub;

/// <summary>
/// The chunked copy-on-write set the dispatcher iterates: after any sequence of subscribes and
/// unsubscribes it holds exactly the live subscriptions, once each, and a snapshot taken before a
/// change never changes under the dispatcher.
/// </summary>
public sealed class ChannelSubscribersTests : IDisposable
{
    private readonly ServiceProvider _provider;
    private readonly SessionServices _services;
    private readonly NamespacePolicy _policy;

    public ChannelSubscribersTests()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddHerald(configure: o =>
        {
            o.Jwt.Secret = new string('s', 48);
            o.Namespaces["public"] = new NamespaceOptions();
        });
        _provider = services.BuildServiceProvider();
        _services = _provider.GetRequiredService<SessionServices>();
        _policy = _provider.GetRequiredService<NamespaceRules>().Resolve("public:x")!;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    public void Random_subscribes_and_unsubscribes_leave_exactly_the_live_set(int seed)
    {
        var random = new Random(seed);
        var set = new ChannelSubscribers();
        var live = new List<Subscription>();
        for (var step = 0; step < 4000; step++)
        {
            // Grow past several chunks, then shrink back to empty and grow again.
            var grow = step % 2000 < 1400 ? random.Next(10) < 8 : random.Next(10) < 2;
            if (grow || live.Count == 0)
            {
                var subscription = NewSubscription();
                set.TryAdd(subscription).ShouldBeTrue();
                live.Add(subscription);
            }
            else
            {
                var victim = live[random.Next(live.Count)];
                live.Remove(victim);
                set.Remove(victim).ShouldBe(live.Count == 0);
                if (live.Count == 0)
                {
                    // Emptied sets retire; the hub then starts a fresh one.
                    set = new ChannelSubscribers();
                }
            }

            if (step % 97 == 0)
            {
                Snapshot(set).ShouldBe(live, ignoreOrder: true);
            }
        }

        Snapshot(set).ShouldBe(live, ignoreOrder: true);
        set.Count.ShouldBe(live.Count);
        set.Chunks.Take(Math.Max(0, set.Chunks.Length - 1)).ShouldAllBe(c => c.Length == ChannelSubscribers.ChunkSize);
    }

    [Fact]
    public void A_snapshot_taken_before_a_change_is_not_changed_by_it()
    {
        var set = new ChannelSubscribers();
        var all = Enumerable.Range(0, 600).Select(_ => NewSubscription()).ToList();
        all.ForEach(s => set.TryAdd(s));
        var before = set.Chunks;
        var copy = before.Select(c => c.ToArray()).ToArray();

        set.Remove(all[3]).ShouldBeFalse();
        set.Remove(all[599]).ShouldBeFalse();
        set.TryAdd(NewSubscription());

        before.Length.ShouldBe(copy.Length);
        for (var i = 0; i < copy.Length; i++)
        {
            before[i].ShouldBe(copy[i]);
        }
    }

    [Fact]
    public void Removing_a_subscription_twice_or_one_never_added_changes_nothing()
    {
        var set = new ChannelSubscribers();
        var a = NewSubscription();
        var b = NewSubscription();
        set.TryAdd(a);
        set.TryAdd(b);

        set.Remove(NewSubscription()).ShouldBeFalse();
        set.Remove(a).ShouldBeFalse();
        set.Remove(a).ShouldBeFalse();

        Snapshot(set).ShouldBe([b]);
        set.Remove(b).ShouldBeTrue();
        set.TryAdd(a).ShouldBeFalse();
    }

    public void Dispose() => _provider.Dispose();

    private static List<Subscription> Snapshot(ChannelSubscribers set) => set.Chunks.SelectMany(c => c).ToList();

    private Subscription NewSubscription()
    {
        var socket = WebSocket.CreateFromStream(new MemoryStream(), new WebSocketCreationOptions { IsServer = true });
        var session = new HeraldSession(new WebSocketTransport(socket, maxFrameBytes: 65536), new HeraldPrincipal("u", PermissionSet.Empty, CredentialKind.Jwt), [], _services);
        return new Subscription(session, "public:x", _policy, filter: null, pendingLimit: 16);
    }
}
