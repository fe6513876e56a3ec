using System.Net;
using Herald.Api.Tests.Support;

namespace Herald.Api.Tests.Http;

/// <summary>
/// Event data is spliced raw into messages that clients split on '\n' (coalesced WebSocket frames)
/// and into SSE data lines. A pretty-printed body must not cut its own message in two.
/// </summary>
public sealed class PublishLayoutTests
{
    private const string Body = "{\"messages\":[\n" +
        "  {\"channel\":\"public:pretty\",\"event\":\"e\",\"data\":{\n    \"text\": \"line one\\nline two\",\n    \"spaced\": \"a  b\",\r\n    \"list\": [ 1,\n 2 ]\n  }},\n" +
        "  {\"channel\":\"public:pretty\",\"event\":\"e\",\"data\":{\n    \"n\": 2\n  }}\n]}";

    [Fact]
    public async Task Pretty_printed_data_reaches_WebSocket_and_SSE_subscribers_as_the_same_JSON_on_one_line()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var subscriber = await server.ConnectWelcomedAsync(server.Token("alice"));
        await subscriber.SubscribeAsync("public:pretty");
        await using var stream = await SseStream.OpenAsync(server.Http, "/ws/events?channel=public:pretty", r => r.Headers.Authorization = new("Bearer", server.Token("bob")));
        await stream.NextOfTypeAsync("subscribed");

        var response = await server.PostRawAsync("/api/publish/batch", server.Token("backend", "publish"), Body);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);

        var events = await subscriber.CollectAsync("event", 2);
        var first = events[0].GetProperty("data");
        first.GetProperty("text").GetString().ShouldBe("line one\nline two");
        first.GetProperty("spaced").GetString().ShouldBe("a  b");
        first.GetProperty("list").GetArrayLength().ShouldBe(2);
        events[1].GetProperty("data").GetProperty("n").GetInt32().ShouldBe(2);

        var overSse = await stream.NextAsync();
        overSse.Data.ShouldNotContain("\n");
        overSse.Json.GetProperty("data").GetProperty("text").GetString().ShouldBe("line one\nline two");
        (await stream.NextAsync()).Json.GetProperty("data").GetProperty("n").GetInt32().ShouldBe(2);
    }
}
