using Herald.Sources;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Delivery;

public sealed class CoalescingTests
{
    [Fact]
    public async Task A_burst_arrives_as_newline_separated_messages_in_fewer_frames()
    {
        const int burst = 300;
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));
        await client.SendAsync(new { type = "subscribe", channel = "public:burst" });
        await client.NextOfTypeAsync("subscribed");
        var framesBefore = client.Frames;
        var messagesBefore = client.Messages;

        var batch = Enumerable.Range(1, burst).Select(i => PublishRequest.Create("public:burst", "tick", new { i })).ToList();
        await server.Services.GetRequiredService<IHeraldPublisher>().PublishBatchAsync(batch);
        var events = await client.CollectAsync("event", burst);

        events.Select(e => e.Long("offset")).ShouldBe(Enumerable.Range(1, burst).Select(i => (long)i));
        var frames = client.Frames - framesBefore;
        var messages = client.Messages - messagesBefore;
        messages.ShouldBe(burst);
        frames.ShouldBeLessThan(messages, "the server should have joined queued messages into shared frames");
    }
}
