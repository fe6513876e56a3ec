using Herald.Sessions;

namespace Herald.AspNetCore.Transport;

/// <summary>What one <c>MapHerald(path)</c> mount does beyond the protocol: its server-side subscriptions.</summary>
public sealed class HeraldMountOptions
{
    public List<ServerSubscription> Subscriptions { get; } = [];

    /// <summary>Subscribes every connection of this mount to <paramref name="channel"/> (may use <c>{sub}</c>).</summary>
    public HeraldMountOptions Subscribe(string channel, IReadOnlyList<string>? events = null, bool snapshot = false)
    {
        Subscriptions.Add(new ServerSubscription(channel, events, snapshot));
        return this;
    }
}
