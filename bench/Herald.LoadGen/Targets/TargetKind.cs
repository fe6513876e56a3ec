namespace Herald.LoadGen.Targets;

/// <summary>The servers the harness compares.</summary>
internal enum TargetKind
{
    Herald,
    SignalR,
    Ws,
}
