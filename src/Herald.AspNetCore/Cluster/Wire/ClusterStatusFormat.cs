using Herald.Log;
using Herald.WireFormats;

namespace Herald.AspNetCore.Cluster.Wire;

/// <summary>
/// The cluster status format of seed 004, the default of <c>MapHeraldCluster</c>: one
/// <c>{"type","data","timestamp"}</c> object per frame, the current status at connect, a
/// <c>ping</c> every 30 s (the seed's interval), and subscription toggles per connection.
/// The seed's clients (a browser, Go's <c>ReadJSON</c>) never answer pings, so dead peers are found
/// by WebSocket-level pings; an over-limit connection is told in a message a browser can read.
/// </summary>
internal sealed class ClusterStatusFormat : WireFormat
{
    public const string FormatName = "cluster-status";

    public static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(30);

    private ClusterStatusFormat()
        : base(FormatName)
    {
    }

    /// <summary>The one instance: a format is encoded once per event, so there is one per process.</summary>
    public static ClusterStatusFormat Instance { get; } = new();

    public override TimeSpan? HeartbeatInterval => PingInterval;

    public override bool RejectsAfterUpgrade => true;

    public override byte[]? EncodeEvent(LogEntry entry) => ClusterMessageWriter.Event(entry);

    public override WireConnection CreateConnection(WireConnectContext context) => new ClusterStatusConnection(this, context.Time);

    // A refusal comes before any connection, so before the server's clock is at hand: the wall clock dates it.
    public override byte[]? Rejection(string code, string message) => ClusterMessageWriter.Error(code, message, TimeProvider.System.GetUtcNow());
}
