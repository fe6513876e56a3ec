namespace TaskService.Realtime;

public sealed record WebSocketHealth(long ActiveConnections, int ActiveRooms);
