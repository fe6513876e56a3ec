using Herald.Diagnostics;
using Microsoft.EntityFrameworkCore;
using TaskService.Data;

namespace TaskService.Realtime;

/// <summary>
/// Stats and health in the exact shapes of PRODUCT.md 4.2, from Herald's monitor. Open like the
/// original service's: room names carry user ids, so keep them on the operators' network.
/// </summary>
public static class RealtimeEndpoints
{
    public static RouteGroupBuilder MapRealtimeReports(this IEndpointRouteBuilder endpoints, string prefix)
    {
        var group = endpoints.MapGroup(prefix).WithTags("Realtime");
        group.MapGet("/stats", Stats);
        group.MapGet("/health", HealthAsync);
        return group;
    }

    private static StatsResponse Stats(HeraldMonitor monitor)
    {
        var rooms = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (room, subscribers) in monitor.Channels())
        {
            rooms[room] = subscribers;
        }

        return new StatsResponse("success", new StatsData(monitor.Connections, rooms.Count, rooms));
    }

    /// <summary>Healthy when the database answers too: without it no subscribe can be authorized.</summary>
    private static async Task<IResult> HealthAsync(HeraldMonitor monitor, TimeProvider time, IDbContextFactory<TaskDbContext> factory, CancellationToken cancellationToken)
    {
        bool databaseUp;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            databaseUp = await db.Database.CanConnectAsync(cancellationToken);
        }

        var body = new HealthResponse(databaseUp ? "healthy" : "unhealthy", time.GetUtcNow().ToUnixTimeSeconds(), new WebSocketHealth(monitor.Connections, monitor.Channels().Count));
        return TypedResults.Json(body, statusCode: databaseUp ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
