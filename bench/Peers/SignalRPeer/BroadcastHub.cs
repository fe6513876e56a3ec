using Microsoft.AspNetCore.SignalR;

namespace Herald.Bench.SignalRPeer;

/// <summary>Clients join a channel's group; the answer is the channel's current offset, like Herald's subscribed.</summary>
public sealed class BroadcastHub(ChannelOffsets offsets) : Hub
{
    public async Task<long> Subscribe(string channel)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, channel);
        return offsets.Current(channel);
    }
}
