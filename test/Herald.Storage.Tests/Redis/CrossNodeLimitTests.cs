using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Herald.Storage.Tests.Postgres;
using Herald.Storage.Tests.Support;
using Herald.Testing;

namespace Herald.Storage.Tests.Redis;

/// <summary>Three child-process nodes on one redis-server count each limit once for the cluster, not once per node.</summary>
[Collection(RedisCollection.Name)]
public sealed class CrossNodeLimitTests(RedisFixture redis)
{
    [Fact]
    public async Task A_key_allowed_N_publishes_a_second_gets_N_across_three_nodes_not_3N()
    {
        const int PerSecond = 3;
        await using var nodes = await StartAsync("rate");
        using var created = await nodes.A.Http.SendAsync(Admin(HttpMethod.Post, "/api/keys", new { owner = "svc", attributes = new[] { "publish" }, publishes_per_second = PerSecond }));
        var key = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;

        // All at once, so they arrive faster than one node alone would refill: counted per node, they would pass 3N + 3N x elapsed.
        var clock = Stopwatch.StartNew();
        var all = await Task.WhenAll(nodes.Nodes.SelectMany(node => Enumerable.Range(0, 10 * PerSecond).Select(async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/publish") { Content = JsonContent.Create(new { channel = "public:limited", @event = "e", data = i }) };
            request.Headers.Add("X-Api-Key", key);
            using var response = await node.Http.SendAsync(request);
            return response.StatusCode;
        })));
        var elapsed = clock.Elapsed.TotalSeconds;

        all.ShouldAllBe(s => s == HttpStatusCode.OK || s == HttpStatusCode.TooManyRequests);
        var accepted = all.Count(s => s == HttpStatusCode.OK);
        accepted.ShouldBeGreaterThanOrEqualTo(PerSecond);

        // A bucket of N refilled by N a second, shared: never more than N + N x elapsed, whichever node took them.
        accepted.ShouldBeLessThanOrEqualTo((int)Math.Ceiling(PerSecond * (1 + elapsed)), $"{accepted} accepted in {elapsed:N2} s");
    }

    [Fact]
    public async Task The_connection_over_the_per_IP_limit_is_refused_on_any_node_once_the_cluster_holds_the_limit()
    {
        await using var nodes = await StartAsync("per-ip", new Dictionary<string, string> { ["HERALD__MAXCONNECTIONSPERIP"] = "3" });
        await using var a1 = await nodes.A.ConnectAsync(Tokens.For("u1"));
        await using var a2 = await nodes.A.ConnectAsync(Tokens.For("u2"));
        await using var b1 = await nodes.B.ConnectAsync(Tokens.For("u3"));

        (await UpgradeStatusAsync(nodes.C, Tokens.For("u4"))).ShouldBe(HttpStatusCode.TooManyRequests);

        // A slot freed on one node is free for all of them.
        await a1.DisposeAsync();
        await Eventually.TrueAsync(async () => await UpgradeStatusAsync(nodes.C, Tokens.For("u4")) == HttpStatusCode.SwitchingProtocols, "the freed slot to be usable on node c");
    }

    [Fact]
    public async Task Slots_held_by_a_node_killed_without_a_goodbye_free_up_within_the_node_timeout()
    {
        await using var nodes = await StartAsync("killed", new Dictionary<string, string>
        {
            ["HERALD__MAXCONNECTIONSPERIP"] = "2",
            ["HERALD__REDIS__HEARTBEATINTERVAL"] = "00:00:00.500",
            ["HERALD__REDIS__NODETIMEOUT"] = "00:00:03",
        });
        var a1 = await nodes.A.ConnectAsync(Tokens.For("u1"));
        var a2 = await nodes.A.ConnectAsync(Tokens.For("u2"));
        (await UpgradeStatusAsync(nodes.C, Tokens.For("u3"))).ShouldBe(HttpStatusCode.TooManyRequests);

        nodes.A.Kill();
        await a1.DisposeAsync();
        await a2.DisposeAsync();

        await Eventually.TrueAsync(async () => await UpgradeStatusAsync(nodes.C, Tokens.For("u3")) == HttpStatusCode.SwitchingProtocols, "node a's slots to lapse");
    }

    private static async Task<HttpStatusCode> UpgradeStatusAsync(HeraldNode node, string token)
    {
        using var socket = new ClientWebSocket { Options = { CollectHttpResponseDetails = true } };
        try
        {
            await socket.ConnectAsync(node.WebSocketUri(token), CancellationToken.None);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
            return HttpStatusCode.SwitchingProtocols;
        }
        catch (WebSocketException)
        {
            return socket.HttpStatusCode;
        }
    }

    private static HttpRequestMessage Admin(HttpMethod method, string path, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", Tokens.Publisher);
        return request;
    }

    private Task<ClusterNodes> StartAsync(string name, Dictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["HERALD__STORE"] = "redis",
            ["HERALD__REDIS__CONNECTIONSTRING"] = redis.Server.ConnectionString,
            ["HERALD__REDIS__KEYPREFIX"] = RedisServer.NewPrefix(name),
        };
        foreach (var (k, v) in extra ?? [])
        {
            settings[k] = v;
        }

        // Three processes starting at once on a busy two-core machine can take longer than one node's usual 30 s.
        return ClusterNodes.StartAsync(Enumerable.Range(0, 3).Select(i => HeraldNode.Start($"{name}-{(char)('a' + i)}", "", settings)), TimeSpan.FromSeconds(90));
    }
}
