using Herald.WireFormats.TaskService;

namespace Herald.WireFormats;

/// <summary>The wire formats Herald ships, by name for configuration.</summary>
public static class HeraldWireFormats
{
    /// <summary>Herald's own protocol (PROTOCOL.md): the default of every mount.</summary>
    public static WireFormat ProtocolV1 { get; } = new ProtocolV1Format();

    /// <summary>The task data service's rooms and <c>TASK_*</c> messages (seed 003; docs/protocol.md, "Task service format").</summary>
    public static WireFormat TaskService { get; } = new TaskServiceFormat(TimeProvider.System);

    /// <summary>v1 keeps no per-connection state: every v1 connection shares this one.</summary>
    internal static WireConnection V1Connection { get; } = ((ProtocolV1Format)ProtocolV1).Connection;

    /// <summary>Every built-in format, for lookup by <see cref="WireFormat.Name"/>.</summary>
    public static IReadOnlyList<WireFormat> All { get; } = [ProtocolV1, TaskService];
}
