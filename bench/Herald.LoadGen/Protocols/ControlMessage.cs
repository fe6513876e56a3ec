namespace Herald.LoadGen.Protocols;

/// <summary>A parsed reply: a subscription confirmation (with where the stream stands) or an error.</summary>
internal sealed record ControlMessage(ControlKind Kind, string? Channel = null, string? Epoch = null, long Offset = 0, bool? Recovered = null, string? Error = null)
{
    public static readonly ControlMessage Other = new(ControlKind.Other);
}
