namespace Herald.Bench.SignalRPeer;

/// <summary>Body of POST /publish/batch.</summary>
public sealed record PublishBatchRequest(IReadOnlyList<PublishRequest> Messages);
