namespace TaskService.Realtime;

/// <summary><c>GET /api/ws/stats</c>: <c>{"status":"success","data":{…}}</c>, the shape operators' tools read.</summary>
public sealed record StatsResponse(string Status, StatsData Data);
