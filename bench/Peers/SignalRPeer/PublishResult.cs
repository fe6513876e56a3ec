namespace Herald.Bench.SignalRPeer;

/// <summary>What a publish answers: the offset the event got in its channel.</summary>
public sealed record PublishResult(string Channel, long Offset);
