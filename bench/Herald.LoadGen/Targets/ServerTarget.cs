namespace Herald.LoadGen.Targets;

/// <summary>One server configuration under test; Herald appears once per store in the publish scenario.</summary>
internal sealed record ServerTarget(string Name, TargetKind Kind, string? Store = null)
{
    public static ServerTarget Parse(string name) => name.ToLowerInvariant() switch
    {
        "herald" => new ServerTarget("herald", TargetKind.Herald, "memory"),
        "signalr" => new ServerTarget("signalr", TargetKind.SignalR),
        "ws" => new ServerTarget("ws", TargetKind.Ws),
        _ when name.StartsWith("herald/", StringComparison.OrdinalIgnoreCase) =>
            new ServerTarget(name.ToLowerInvariant(), TargetKind.Herald, name["herald/".Length..].ToLowerInvariant()),
        _ => throw new ArgumentException($"unknown target '{name}' (herald, herald/<store>, signalr, ws)"),
    };
}
