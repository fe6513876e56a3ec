using Herald.WireFormats;

namespace Herald.Server.Configuration;

/// <summary>One entry of <c>Herald:Mounts</c>: a WebSocket mount and the wire format its clients speak.</summary>
internal sealed class MountOptions
{
    public string Path { get; set; } = "";

    /// <summary>A built-in format's name (<see cref="WireFormat.Name"/>): <c>herald-v1</c> (the default), <c>task-service</c>, …</summary>
    public string Format { get; set; } = HeraldWireFormats.ProtocolV1.Name;

    public WireFormat? WireFormat => HeraldWireFormats.All.FirstOrDefault(f => string.Equals(f.Name, Format.Trim(), StringComparison.OrdinalIgnoreCase));
}
