using System.Net;
using Herald.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Cluster;

/// <summary>
/// <c>/ws/cluster</c> speaks the cluster status format (seed 004). No Go toolchain here, so Go's
/// <c>ReadJSON</c> is stood in for by a strict check: every frame is exactly one JSON object.
/// </summary>
public sealed class ClusterFormatTests
{
    private const string Mount = "/ws/cluster";

    [Fact]
    public async Task The_status_comes_at_once_then_status_latency_and_uptime_every_five_seconds_each_in_its_own_frame()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ClusterApp.StartAsync(clock);
        await using var admin = await server.ConnectAsync(server.Token("ops", "admin"), Mount);

        var first = await admin.NextAsync();
        first.Type().ShouldBe("status");
        first.GetProperty("data").GetProperty("nodes")[0].Str("node").ShouldBe("test-node");
        DateTimeOffset.Parse(first.Str("timestamp"), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(clock.GetUtcNow().AddSeconds(-1), clock.GetUtcNow());

        clock.Advance(TimeSpan.FromSeconds(5));
        var status = await admin.NextAsync();
        status.Type().ShouldBe("status");
        status.GetProperty("data").GetProperty("nodes")[0].Long("connections").ShouldBe(1);
        var latency = await admin.NextAsync();
        latency.Type().ShouldBe("latency");
        latency.GetProperty("data").Has("p99").ShouldBeTrue();
        var uptime = await admin.NextAsync();
        uptime.Type().ShouldBe("uptime");
        uptime.GetProperty("data").GetProperty("nodes")[0].Str("node").ShouldBe("test-node");
        foreach (var message in new[] { first, status, latency, uptime })
        {
            message.EnumerateObject().Select(p => p.Name).Take(3).ShouldBe(["type", "data", "timestamp"]);
        }

        admin.Frames.ShouldBe(admin.Messages, "one JSON object per frame, as JSON.parse(e.data) and ReadJSON need");
    }

    [Fact]
    public async Task Subscription_toggles_narrow_what_the_connection_gets()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ClusterApp.StartAsync(clock);
        var token = server.Token("ops", "admin");
        await using var admin = await server.ConnectAsync(token, Mount);
        (await admin.NextAsync()).Type().ShouldBe("status");

        await ToggleAsync(admin, new { status = false, latency = false, uptime = false });
        clock.Advance(TimeSpan.FromSeconds(5));
        await server.PostAsync("/api/cluster/custom-metrics", token, new { queue_depth = 5 });
        var metrics = await admin.NextAsync();
        metrics.Type().ShouldBe("custom_metrics");
        metrics.GetProperty("data").GetProperty("metrics").GetProperty("queue_depth").GetInt32().ShouldBe(5);

        await ToggleAsync(admin, new { custom_metrics = false, latency = true });
        await server.PostAsync("/api/cluster/custom-metrics", token, new { queue_depth = 6 });
        clock.Advance(TimeSpan.FromSeconds(5));
        (await admin.NextAsync()).Type().ShouldBe("latency");
    }

    [Fact]
    public async Task A_ping_gets_a_pong_and_a_message_it_cannot_read_gets_an_error_in_the_format()
    {
        await using var server = await ClusterApp.StartAsync(new FakeTimeProvider(DateTimeOffset.UtcNow));
        await using var admin = await server.ConnectAsync(server.Token("ops", "admin"), Mount);
        (await admin.NextAsync()).Type().ShouldBe("status");

        await admin.SendTextAsync("""{"type":"ping"}""");
        (await admin.NextAsync()).Type().ShouldBe("pong");
        await admin.SendTextAsync("""{"type":"subscribe","data":{"status":"maybe"}}""");
        var error = await admin.NextAsync();
        (error.Type(), error.GetProperty("data").Str("code")).ShouldBe(("error", ErrorCodes.BadRequest));
        await admin.SendTextAsync("""{"type":"SUBSCRIBE","data":{"room":"job:1"}}""");
        (await admin.NextAsync()).GetProperty("data").Str("code").ShouldBe(ErrorCodes.UnknownType);
    }

    [Theory]
    [InlineData("bob", ErrorCodes.AccessDenied, CloseCodes.Forbidden)]
    [InlineData(null, ErrorCodes.MissingCredentials, CloseCodes.NotAuthenticated)]
    public async Task A_refused_client_reads_one_error_message_then_the_close(string? subject, string code, int close)
    {
        await using var server = await ClusterApp.StartAsync(new FakeTimeProvider(DateTimeOffset.UtcNow));
        await using var client = subject is null
            ? await TestClient.ConnectAsync(server.WebSocketUri(Mount))
            : await server.ConnectAsync(server.Token(subject), Mount);

        var error = await client.NextAsync();
        (error.Type(), error.GetProperty("data").Str("code")).ShouldBe(("error", code));
        (await client.WaitClosedAsync()).Code.ShouldBe(close);
        client.Messages.ShouldBe(1);
    }

    [Fact]
    public async Task A_client_that_reconnects_with_the_since_of_its_last_message_gets_what_it_missed_in_order()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ClusterApp.StartAsync(clock);
        var token = server.Token("ops", "admin");
        string since;
        await using (var first = await server.ConnectAsync(token, Mount))
        {
            since = (await first.NextAsync()).Str("since");
        }

        // A protocol v1 observer on /ws tells when the missed tick has been published.
        await using var observer = await server.ConnectWelcomedAsync(token);
        await observer.SendAsync(new { type = "subscribe", channel = "cluster", events = new[] { "uptime" } });
        await observer.NextOfTypeAsync("subscribed");
        (await server.PostAsync("/api/cluster/custom-metrics", token, new { region = "eu" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromSeconds(5));
        (await observer.NextOfTypeAsync("event")).Str("event").ShouldBe("uptime");

        await using var again = await server.ConnectAsync(token, Mount, "since=" + Uri.EscapeDataString(since));
        var kinds = new List<string?>();
        for (var i = 0; i < 4; i++)
        {
            kinds.Add((await again.NextAsync()).Type());
        }

        kinds.ShouldBe(["custom_metrics", "status", "latency", "uptime"]);
    }

    [Fact]
    public async Task A_format_other_than_the_default_may_be_chosen_for_the_cluster_mount()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ClusterApp.StartAsync(clock, Herald.WireFormats.HeraldWireFormats.ProtocolV1);
        await using var admin = await server.ConnectWelcomedAsync(server.Token("ops", "admin"), Mount);

        (await admin.NextOfTypeAsync("subscribed")).Str("channel").ShouldBe("cluster");
    }

    /// <summary>A change of toggles has no reply: a ping behind it shows it was read.</summary>
    private static async Task ToggleAsync(TestClient client, object data)
    {
        await client.SendAsync(new { type = "subscribe", data });
        await client.SendTextAsync("""{"type":"ping"}""");
        (await client.NextAsync()).Type().ShouldBe("pong");
    }
}
