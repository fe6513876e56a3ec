using System.Buffers;
using System.Text;
using System.Text.Json;
using Herald.AspNetCore.Cluster.Wire;
using Herald.Log;

namespace Herald.Tests.Cluster;

/// <summary>The cluster status format's bytes (seed 004), without a server.</summary>
public sealed class ClusterWireEncodingTests
{
    private static readonly DateTimeOffset At = new(2026, 2, 4, 12, 0, 5, 250, TimeSpan.Zero);

    [Fact]
    public void An_event_is_one_object_with_its_kind_data_timestamp_and_since()
    {
        var bytes = ClusterMessageWriter.Event(Entry("peer_change", """{"node":"node-b","change":"joined"}""", offset: 7));

        var message = Parse(bytes);
        message.Str("type").ShouldBe("peer_change");
        message.GetProperty("data").Str("node").ShouldBe("node-b");
        message.Str("timestamp").ShouldBe("2026-02-04T12:00:05.250Z");
        message.Str("since").ShouldBe("e1:7:cluster");
        message.EnumerateObject().Select(p => p.Name).ShouldBe(["type", "data", "timestamp", "since"]);
    }

    [Fact]
    public void The_snapshot_at_connect_is_the_current_status_at_the_snapshot_position()
    {
        var items = new[] { Entry("state_change", """{"node":"a","state":"ready"}""", 3), Entry("status", """{"nodes":[]}""", 5) };

        var message = Parse(ClusterMessageWriter.InitialStatus("cluster", "e1", 9, items)!);

        (message.Str("type"), message.Str("since")).ShouldBe(("status", "e1:9:cluster"));
        message.GetProperty("data").GetProperty("nodes").GetArrayLength().ShouldBe(0);
        ClusterMessageWriter.InitialStatus("cluster", "e1", 9, items[..1]).ShouldBeNull();
    }

    [Fact]
    public void Errors_pings_and_pongs_have_the_seed_shape()
    {
        var error = Parse(ClusterMessageWriter.Error("ACCESS_DENIED", "admin only", At));
        (error.Str("type"), error.GetProperty("data").Str("code"), error.GetProperty("data").Str("message")).ShouldBe(("error", "ACCESS_DENIED", "admin only"));
        Parse(ClusterMessageWriter.Heartbeat("ping", At)).Str("type").ShouldBe("ping");
        Parse(ClusterMessageWriter.Heartbeat("pong", At)).Str("timestamp").ShouldBe("2026-02-04T12:00:05.250Z");
    }

    [Theory]
    [InlineData("status", "Status")]
    [InlineData("status_update", "Status")]
    [InlineData("latency", "Latency")]
    [InlineData("uptime", "Uptime")]
    [InlineData("snapshot", "Snapshot")]
    [InlineData("custom_metrics", "CustomMetrics")]
    [InlineData("state_change", "StateChanges")]
    [InlineData("peer_change", "PeerChanges")]
    [InlineData("something_else", "None")]
    public void Each_kind_has_the_seed_subscription_field_that_governs_it(string kind, string toggle) =>
        ClusterKinds.ToggleFor(kind).ToString().ShouldBe(toggle);

    [Fact]
    public void A_subscribe_message_changes_only_the_fields_it_names()
    {
        var message = Read("""{"type":"subscribe","data":{"latency":false,"uptime":false,"CustomMetrics":false,"job_id":"x"}}""");

        message.Kind.ShouldBe(ClusterClientMessageKind.Subscribe);
        message.Apply(ClusterToggles.All).ShouldBe(ClusterToggles.Status | ClusterToggles.Snapshot | ClusterToggles.StateChanges | ClusterToggles.PeerChanges);
        Read("""{"type":"subscribe","data":{"latency":true}}""").Apply(ClusterToggles.Status).ShouldBe(ClusterToggles.Status | ClusterToggles.Latency);
    }

    [Theory]
    [InlineData("""{"type":"ping"}""", "Ping", null)]
    [InlineData("""{"type":"pong"}""", "Pong", null)]
    [InlineData("""{"type":"subscribe"}""", "Invalid", "BAD_REQUEST")]
    [InlineData("""{"type":"subscribe","data":{"status":"yes"}}""", "Invalid", "BAD_REQUEST")]
    [InlineData("""{"type":"SUBSCRIBE","data":{}}""", "Invalid", "UNKNOWN_TYPE")]
    [InlineData("""[1]""", "Invalid", "BAD_REQUEST")]
    [InlineData("""{"type":""", "Invalid", "BAD_REQUEST")]
    public void Other_frames_are_pings_pongs_or_errors(string frame, string kind, string? code)
    {
        var message = Read(frame);
        (message.Kind.ToString(), message.ErrorCode).ShouldBe((kind, code));
    }

    private static ClusterClientMessage Read(string json) => ClusterClientReader.Read(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)));

    private static JsonElement Parse(byte[] bytes) => JsonDocument.Parse(bytes).RootElement;

    private static LogEntry Entry(string name, string data, long offset) => new()
    {
        Channel = "cluster",
        Epoch = "e1",
        Offset = offset,
        Event = name,
        Data = Encoding.UTF8.GetBytes(data),
        Timestamp = At,
    };
}
