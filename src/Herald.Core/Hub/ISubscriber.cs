using Herald.Log;
using Herald.Security;

namespace Herald.Hub;

/// <summary>
/// What the hub needs of a recipient: who it is, and a queue to put events in. A session is one;
/// the hub never sees the connection, its protocol or its transport.
/// </summary>
internal interface ISubscriber
{
    PermissionSet Permissions { get; }

    /// <summary>Queues the event without sending; false when it was not queued (closed or closing).</summary>
    bool Enqueue(LogEntry entry);

    /// <summary>Sends what was queued, once the hub has queued a run of events for this recipient.</summary>
    void Flush();

    /// <summary>The recipient cannot keep up (its parked events overflowed): it is closed with 4008.</summary>
    void CloseSlowConsumer();
}
