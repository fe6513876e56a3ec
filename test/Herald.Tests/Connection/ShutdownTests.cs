using Herald.Protocol;

namespace Herald.Tests.Connection;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Shutdown_flushes_queued_events_then_closes_with_1001()
    {
        await using var server = await HeraldTestServer.StartAsync();
        await using var client = await server.ConnectWelcomedAsync(server.Token("alice"));
        await client.SendAsync(new { type = "subscribe", channel = "public:bye" });
        await client.NextOfTypeAsync("subscribed");
        for (var i = 0; i < 50; i++)
        {
            await server.PublishAsync("public:bye", "tick", new { i });
        }

        await server.StopAsync();

        (await client.CollectAsync("event", 50)).Last().Long("offset").ShouldBe(50);
        (await client.WaitClosedAsync()).Code.ShouldBe(CloseCodes.GoingAway);
    }
}
