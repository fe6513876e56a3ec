using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using TaskService.ApiKeys;
using TaskService.Data;
using TaskService.Jobs;
using TaskService.Realtime;
using TaskService.Tasks;

namespace TaskService;

/// <summary>The service's composition, shared by <c>Program</c> and the tests.</summary>
public static partial class TaskServiceApp
{
    public const string WebSocketPath = "/api/ws/tasks";

    /// <param name="configure">Runs before the defaults are laid beneath the configuration (tests add their settings here).</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        TaskServiceDefaults.AddTo(builder.Configuration);
        builder.Services.AddTaskService(builder.Configuration);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        // Herald's WebSocket (API key in ?api_key= or X-Api-Key), and its ticket route at /api/ws/tasks/ticket.
        app.MapHerald(WebSocketPath);
        app.MapRealtimeReports("/api/ws");

        var api = app.MapGroup("/api").AddEndpointFilter<ApiKeyFilter>().WithTags("Tasks");
        JobEndpoints.Map(api);
        TaskEndpoints.Map(api);

        app.Lifetime.ApplicationStarted.Register(() => Announce(app));
        return app;
    }

    private static void Announce(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        Log.Listening(app.Logger, string.Join(", ", addresses), TaskDatabase.ConnectionString(app.Configuration));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, EventName = "Listening", Message = "TaskService is listening on {Addresses} ({Database}). Get an API key with: dotnet run --project samples/TaskService -- seed --user alice")]
        public static partial void Listening(ILogger logger, string addresses, string database);
    }
}
