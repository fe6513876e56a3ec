namespace TaskService.Realtime;

/// <summary><c>GET /api/ws/health</c>: <c>{"status":"healthy","timestamp":"…","websocket":{…}}</c>.</summary>
public sealed record HealthResponse(string Status, DateTimeOffset Timestamp, WebSocketHealth Websocket);
