namespace TaskService.Realtime;

/// <summary><c>GET /api/ws/health</c>: <c>{"status":"healthy","timestamp":1704067200,"websocket":{…}}</c>, the time in Unix seconds as the service's tools read it.</summary>
public sealed record HealthResponse(string Status, long Timestamp, WebSocketHealth Websocket);
