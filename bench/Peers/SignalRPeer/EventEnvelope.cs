using System.Text.Json;

namespace Herald.Bench.SignalRPeer;

/// <summary>The single argument of the "event" invocation; same fields as Herald's event message.</summary>
public sealed record EventEnvelope(string Channel, long Offset, string Event, JsonElement Data);
