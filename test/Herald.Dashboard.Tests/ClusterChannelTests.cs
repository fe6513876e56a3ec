using System.Diagnostics;
using System.Text.Json;
using Herald.Dashboard.Tests.Support;

namespace Herald.Dashboard.Tests;

[Collection(PostgresCollection.Name)]
public sealed class ClusterChannelTests(PostgresFixture postgres)
{
    [Fact]
    public async Task An_admin_on_node_A_sees_node_B_join_and_leave()
    {
        var database = await postgres.Server.CreateDatabaseAsync("dash_channel");

        // node-a sorts first, so it is the node that speaks for the cluster throughout.
        await using var a = HeraldNode.Start("node-a", database);
        await a.WaitReadyAsync();

        // Protocol v1 on /ws, as the dashboard and `herald tail cluster` connect (ClusterFormatTests has /ws/cluster).
        await using var client = await TestClient.ConnectAsync(a.WebSocketUri(Tokens.For("ops", "admin")));
        (await client.NextAsync()).Type().ShouldBe("welcome");
        await client.SendAsync(new { type = "subscribe", channel = "cluster" });
        (await client.NextOfTypeAsync("subscribed")).Str("channel").ShouldBe("cluster");

        await using var b = HeraldNode.Start("node-b", database);
        await b.WaitReadyAsync();

        // Status comes every 5 s and the join is noticed at a status tick: 15 s is three periods.
        var joined = false;
        var both = false;
        await ReadUntilAsync(client, TimeSpan.FromSeconds(15), message =>
        {
            joined |= IsEvent(message, "peer_change") && Data(message).Str("node") == "node-b" && Data(message).Str("change") == "joined";
            both |= IsEvent(message, "status") && StatusNodes(message).SequenceEqual(["node-a", "node-b"]);
            return joined && both;
        }, () => $"joined={joined}, status with both={both}\nA:\n{a.Output}\nB:\n{b.Output}");

        await b.StopAsync();

        var left = false;
        var tombstone = false;
        string? state = null;
        var one = false;
        await ReadUntilAsync(client, TimeSpan.FromSeconds(15), message =>
        {
            if (IsEvent(message, "peer_change") && Data(message).Str("node") == "node-b" && Data(message).Str("change") == "left")
            {
                left = true;
                tombstone = message.TryGetProperty("tombstone", out var t) && t.GetBoolean();
                message.Str("key").ShouldBe("peer:node-b");
            }

            if (IsEvent(message, "state_change") && Data(message).Str("node") == "node-b")
            {
                state ??= Data(message).Str("state") is "draining" or "stopped" ? Data(message).Str("state") : null;
            }

            // Only a status after the leave counts: an earlier tick may still list node-b.
            one |= left && IsEvent(message, "status") && StatusNodes(message).SequenceEqual(["node-a"]);
            return left && state is not null && one;
        }, () => $"left={left}, state_change={state}, status with one={one}\nA:\n{a.Output}");

        tombstone.ShouldBeTrue("a node that left is a tombstone of its peer key");
    }

    private static bool IsEvent(JsonElement message, string name) =>
        message.Type() == "event" && message.Str("channel") == "cluster" && message.Str("event") == name;

    private static JsonElement Data(JsonElement message) => message.GetProperty("data");

    private static IEnumerable<string> StatusNodes(JsonElement message) =>
        Data(message).GetProperty("nodes").EnumerateArray().Select(n => n.Str("node")).Order(StringComparer.Ordinal).ToList();

    /// <summary>Reads messages until <paramref name="done"/> says so, or fails at the deadline saying what was seen.</summary>
    private static async Task ReadUntilAsync(TestClient client, TimeSpan limit, Func<JsonElement, bool> done, Func<string> seen)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var left = limit - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Within {limit}: {seen()}");
            }

            JsonElement message;
            try
            {
                message = await client.NextAsync(left);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"Within {limit}: {seen()}");
            }

            if (done(message))
            {
                return;
            }
        }
    }
}
