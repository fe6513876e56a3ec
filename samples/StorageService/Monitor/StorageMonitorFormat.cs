using Herald.Log;
using Herald.WireFormats;

namespace StorageService.Monitor;

/// <summary>
/// The storage monitor's own messages (seeds 000/001), the default of <c>/storage/monitor</c>:
/// one <c>{"event":{"type","value"}}</c> per frame, a <c>storage_ping_event</c> every 10 s. The
/// seed's envelope has no error message, so errors and refusals are told by the close code and
/// reason alone; its dashboard never speaks, so dead peers are found by WebSocket-level pings.
/// </summary>
public sealed class StorageMonitorFormat : WireFormat
{
    public const string FormatName = "storage-monitor";

    /// <summary>The seed's keep-alive interval.</summary>
    public static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(10);

    private readonly StorageMonitorConnection _connection;

    private StorageMonitorFormat()
        : base(FormatName)
    {
        // Nothing per connection: every connection shares one.
        _connection = new StorageMonitorConnection(this);
    }

    /// <summary>The one instance: a format is encoded once per event, so there is one per process.</summary>
    public static StorageMonitorFormat Instance { get; } = new();

    public override TimeSpan? HeartbeatInterval => PingInterval;

    public override bool RejectsAfterUpgrade => true;

    public override byte[]? EncodeEvent(LogEntry entry) => StorageMonitorWriter.Event(entry);

    public override WireConnection CreateConnection(WireConnectContext context) => _connection;

    public override byte[]? Rejection(string code, string message) => null;
}
