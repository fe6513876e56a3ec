using System.Net;
using Herald.Protocol;

namespace Herald.Tests.ServerSentEvents;

/// <summary>GET &lt;mount&gt;/events read by an event-stream parser that knows nothing of Herald's transport (PROTOCOL.md §9).</summary>
public sealed class SseStreamTests
{
    [Fact]
    public async Task Events_arrive_named_after_themselves_with_the_v1_event_message_as_data()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var stream = await OpenAsync(server, server.Token("alice"), "channel=public:a&channel=public:b");

        stream.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        stream.Response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        (await stream.NextAsync()).Json.Str("user").ShouldBe("alice");
        var subscribed = new[] { await stream.NextAsync(), await stream.NextAsync() };
        subscribed.Select(s => s.Json.Str("channel")).ShouldBe(["public:a", "public:b"]);
        subscribed.ShouldAllBe(s => s.Event == null);
        stream.Retry.ShouldBe(1000);

        await server.PublishAsync("public:b", "TASK_CREATED", new { task_id = 7 });
        var message = await stream.NextAsync();

        message.Event.ShouldBe("TASK_CREATED");
        var json = message.Json;
        json.Type().ShouldBe("event");
        json.Str("channel").ShouldBe("public:b");
        json.Long("offset").ShouldBe(1);
        json.GetProperty("data").GetProperty("task_id").GetInt32().ShouldBe(7);
        message.Id.ShouldNotBeNull().ShouldContain(":1:public:b");
        message.Id.ShouldContain(":0:public:a");
    }

    [Fact]
    public async Task A_recipient_who_may_not_see_an_event_never_gets_it_on_the_stream()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var reader = await OpenAsync(server, server.Token("reader", "storage:aips:list"), "channel=storage");
        await using var outsider = await OpenAsync(server, server.Token("outsider"), "channel=storage");
        await reader.NextOfTypeAsync("subscribed");
        await outsider.NextOfTypeAsync("subscribed");

        await server.PublishAsync("storage", "aip.created", new { secret = "s3" });
        await server.PublishAsync("storage", "storage.ping", new { });

        (await reader.NextAsync()).Event.ShouldBe("aip.created");
        (await reader.NextAsync()).Event.ShouldBe("storage.ping");
        var first = await outsider.NextAsync();
        first.Event.ShouldBe("storage.ping");
        first.Data.ShouldNotContain("s3");
    }

    [Fact]
    public async Task Heartbeats_are_comments_and_a_silent_client_is_not_closed()
    {
        await using var server = await HeraldTestServer.StartAsync(new() { ["Herald:PingInterval"] = "1", ["Herald:HeartbeatGrace"] = "0" });
        await using var stream = await OpenAsync(server, server.Token("alice"), "channel=public:a");
        await stream.NextOfTypeAsync("subscribed");

        // Over a WebSocket, two intervals without an answer would close with 4000; a stream cannot answer.
        for (var i = 0; i < 4; i++)
        {
            (await stream.NextAsync(TimeSpan.FromSeconds(5), includeComments: true)).Comment.ShouldBe("ping");
        }

        await server.PublishAsync("public:a", "still.here");
        (await stream.NextAsync(TimeSpan.FromSeconds(5))).Event.ShouldBe("still.here");
    }

    [Fact]
    public async Task A_mount_with_server_side_subscriptions_streams_them_without_channel_parameters()
    {
        await using var server = await MountedApp.StartAsync();
        await using var stream = await OpenAsync(server, server.Token("alice"), "", path: "/storage/monitor/events");

        (await stream.NextOfTypeAsync("subscribed")).Json.Str("channel").ShouldBe("storage");
        await server.PublishAsync("storage", "storage.ping");
        (await stream.NextAsync()).Event.ShouldBe("storage.ping");
    }

    [Fact]
    public async Task Closing_the_node_ends_the_stream_with_a_close_message_saying_1001()
    {
        var server = await HeraldTestServer.StartAsync();
        await using var stream = await OpenAsync(server, server.Token("alice"), "channel=public:a");
        await stream.NextOfTypeAsync("subscribed");

        var stopping = server.StopAsync();
        var close = await stream.NextOfTypeAsync("close");

        close.Json.Long("code").ShouldBe(CloseCodes.GoingAway);
        await Should.ThrowAsync<EndOfStreamException>(() => stream.NextAsync());
        await stopping;
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Streams_work_over_HTTP_2()
    {
        await using var server = await HeraldTestServer.StartAsync(new() { ["Kestrel:EndpointDefaults:Protocols"] = "Http2" });
        await using var stream = await SseStream.OpenAsync(server.Http, "/ws/events?channel=public:a", r => r.Headers.Authorization = new("Bearer", server.Token("alice")), HttpVersion.Version20);

        stream.Response.Version.ShouldBe(HttpVersion.Version20);
        await stream.NextOfTypeAsync("subscribed");
        await server.PublishAsync("public:a", "over.h2");
        (await stream.NextAsync()).Event.ShouldBe("over.h2");
    }

    internal static Task<SseStream> OpenAsync(HeraldTestServer server, string? token, string query, string? lastEventId = null, string path = "/ws/events") =>
        SseStream.OpenAsync(server.Http, path + "?" + query, request =>
        {
            if (token is not null)
            {
                request.Headers.Authorization = new("Bearer", token);
            }

            if (lastEventId is not null)
            {
                request.Headers.Add("Last-Event-ID", lastEventId);
            }
        });
}
