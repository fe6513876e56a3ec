using Herald.Sessions;
using Herald.WireFormats;

namespace Herald.AspNetCore.Transport;

/// <summary>What one <c>MapHerald(path)</c> mount does beyond the protocol: its wire format and server-side subscriptions.</summary>
public sealed class HeraldMountOptions
{
    public List<ServerSubscription> Subscriptions { get; } = [];

    /// <summary>What the mount's WebSocket clients speak; its Server-Sent Events stream always speaks protocol v1.</summary>
    public WireFormat WireFormat { get; private set; } = HeraldWireFormats.ProtocolV1;

    /// <summary>Chooses the mount's wire format (default <see cref="HeraldWireFormats.ProtocolV1"/>).</summary>
    public HeraldMountOptions UseWireFormat(WireFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        WireFormat = format;
        return this;
    }

    /// <summary>Subscribes every connection of this mount to <paramref name="channel"/> (may use <c>{sub}</c>).</summary>
    public HeraldMountOptions Subscribe(string channel, IReadOnlyList<string>? events = null, bool snapshot = false)
    {
        Subscriptions.Add(new ServerSubscription(channel, events, snapshot));
        return this;
    }
}
