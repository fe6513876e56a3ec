using System.Text.Json;

namespace Herald.Bench.SignalRPeer;

/// <summary>Body of POST /publish, the same shape as Herald's publish API.</summary>
public sealed record PublishRequest(string Channel, string Event, JsonElement Data);
