namespace TaskService.Realtime;

/// <summary>Open connections, rooms with subscribers, and subscribers per room.</summary>
public sealed record StatsData(long TotalClients, int TotalRooms, IReadOnlyDictionary<string, int> Rooms);
