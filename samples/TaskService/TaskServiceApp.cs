using Herald.WireFormats;
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
    /// <summary>The task service's own clients (seed 003's messages).</summary>
    public const string WebSocketPath = "/api/ws/tasks";

    /// <summary>Herald's protocol v1, for Herald's clients.</summary>
    public const string HeraldWebSocketPath = "/ws";

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

        // The service's own WebSocket messages where its clients connect, Herald's protocol beside it;
        // both take the API key in ?api_key= or X-Api-Key, and have a ticket route at <mount>/ticket.
        app.MapHerald(WebSocketPath, m => m.UseWireFormat(HeraldWireFormats.TaskService));
        app.MapHerald(HeraldWebSocketPath);
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
