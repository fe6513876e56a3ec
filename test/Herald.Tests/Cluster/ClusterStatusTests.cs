using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Herald.Protocol;
using Herald.WireFormats;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Cluster;

public sealed class ClusterStatusTests
{
    [Fact]
    public async Task The_status_arrives_on_connect_and_then_every_five_seconds()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ClusterApp.StartAsync(clock, HeraldWireFormats.ProtocolV1);
        await using var admin = await server.ConnectWelcomedAsync(server.Token("ops", "admin"), "/ws/cluster");

        var subscribed = await admin.NextOfTypeAsync("subscribed");
        (subscribed.Str("channel"), subscribed.Has("id")).ShouldBe(("cluster", false));
        var snapshot = await admin.NextOfTypeAsync("snapshot");
        var items = snapshot.GetProperty("items").EnumerateArray().ToDictionary(i => i.Str("key"));
        var status = items["status"].GetProperty("data");
        status.GetProperty("nodes")[0].Str("node").ShouldBe("test-node");
        status.GetProperty("latency_ms").Has("p99").ShouldBeTrue();
        items["state:test-node"].GetProperty("data").Str("state").ShouldBe("ready");

        clock.Advance(TimeSpan.FromSeconds(4));
        (await admin.StaysQuietAsync(TimeSpan.FromMilliseconds(300))).ShouldBeTrue();

        clock.Advance(TimeSpan.FromSeconds(1));
        var next = await admin.NextOfTypeAsync("event");
        (next.Str("event"), next.Str("key")).ShouldBe(("status", "status"));
        var node = next.GetProperty("data").GetProperty("nodes")[0];
        node.Long("connections").ShouldBe(1);
        node.Str("state").ShouldBe("ready");

        (await admin.NextOfTypeAsync("event")).Str("event").ShouldBe("latency");
        (await admin.NextOfTypeAsync("event")).Str("event").ShouldBe("uptime");
        clock.Advance(TimeSpan.FromSeconds(5));
        (await admin.NextOfTypeAsync("event")).Str("event").ShouldBe("status");
    }

    [Fact]
    public async Task Custom_metrics_round_trip_into_events_and_the_status()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ClusterApp.StartAsync(clock, HeraldWireFormats.ProtocolV1);
        var token = server.Token("ops", "admin");
        var bob = server.Token("bob");
        await using var admin = await server.ConnectWelcomedAsync(token, "/ws/cluster");
        await admin.NextOfTypeAsync("subscribed");
        await admin.NextOfTypeAsync("snapshot");

        var merged = await server.PostAsync("/api/cluster/custom-metrics", token, new { queue_depth = 5, region = "eu" });
        merged.StatusCode.ShouldBe(HttpStatusCode.OK);
        var announced = await admin.NextOfTypeAsync("event");
        announced.Str("event").ShouldBe("custom_metrics");
        announced.GetProperty("data").GetProperty("metrics").GetProperty("queue_depth").GetInt32().ShouldBe(5);

        clock.Advance(TimeSpan.FromSeconds(5));
        var status = await admin.NextOfTypeAsync("event");
        status.GetProperty("data").GetProperty("custom_metrics").GetProperty("region").GetString().ShouldBe("eu");

        (await admin.NextOfTypeAsync("event")).Str("event").ShouldBe("latency");
        (await admin.NextOfTypeAsync("event")).Str("event").ShouldBe("uptime");
        using var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/cluster/custom-metrics/region");
        delete.Headers.Authorization = new("Bearer", token);
        (await server.Http.SendAsync(delete)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = (await admin.NextOfTypeAsync("event")).GetProperty("data").GetProperty("metrics");
        after.Has("region").ShouldBeFalse();
        after.Has("queue_depth").ShouldBeTrue();

        (await server.PostAsync("/api/cluster/custom-metrics", bob, new { x = 1 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_non_admin_is_refused_on_the_cluster_mount_with_4003()
    {
        await using var server = await ClusterApp.StartAsync(new FakeTimeProvider(DateTimeOffset.UtcNow), HeraldWireFormats.ProtocolV1);
        await using var client = await server.ConnectWelcomedAsync(server.Token("bob"), "/ws/cluster");

        (await client.NextOfTypeAsync("error")).Str("code").ShouldBe(ErrorCodes.AccessDenied);
        (await client.WaitClosedAsync()).Code.ShouldBe(CloseCodes.Forbidden);
    }

    [Fact]
    public async Task The_events_filter_narrows_the_cluster_feed()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ClusterApp.StartAsync(clock, HeraldWireFormats.ProtocolV1);
        var token = server.Token("ops", "admin");
        await using var client = await server.ConnectWelcomedAsync(token);
        await client.SendAsync(new { type = "subscribe", channel = "cluster", events = new[] { "custom_metrics" } });
        await client.NextOfTypeAsync("subscribed");

        clock.Advance(TimeSpan.FromSeconds(5));
        await server.PostAsync("/api/cluster/custom-metrics", token, new { x = 1 });

        (await client.NextOfTypeAsync("event")).Str("event").ShouldBe("custom_metrics");
        (await client.StaysQuietAsync(TimeSpan.FromMilliseconds(200))).ShouldBeTrue();
    }
}
