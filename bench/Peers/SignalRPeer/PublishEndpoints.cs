using Microsoft.AspNetCore.SignalR;

namespace Herald.Bench.SignalRPeer;

/// <summary>HTTP publish routes that broadcast to a group through the hub context.</summary>
public static class PublishEndpoints
{
    public static void MapPublishEndpoints(this WebApplication app)
    {
        app.MapPost("/publish", (PublishRequest request, ChannelOffsets offsets, IHubContext<BroadcastHub> hub) =>
            PublishAsync(request, offsets, hub));

        app.MapPost("/publish/batch", async (PublishBatchRequest batch, ChannelOffsets offsets, IHubContext<BroadcastHub> hub) =>
        {
            var results = new PublishResult[batch.Messages.Count];
            for (var i = 0; i < results.Length; i++)
            {
                results[i] = await PublishAsync(batch.Messages[i], offsets, hub);
            }

            return new { results };
        });
    }

    private static async Task<PublishResult> PublishAsync(PublishRequest request, ChannelOffsets offsets, IHubContext<BroadcastHub> hub)
    {
        var offset = offsets.Next(request.Channel);
        // SignalR serializes the invocation once per protocol and writes the same bytes to every group member.
        await hub.Clients.Group(request.Channel).SendAsync("event", new EventEnvelope(request.Channel, offset, request.Event, request.Data));
        return new PublishResult(request.Channel, offset);
    }
}
