using Herald.Storage.Sqlite;
using Herald.Tooling.Secrets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using StorageService.Api;
using StorageService.Data;
using StorageService.Monitor;

namespace StorageService.Hosting;

/// <summary>The sample's composition, shared by <c>Program</c> and the tests.</summary>
public static partial class StorageApp
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,

            // appsettings.json and the page ship next to the binary; data stays where it runs.
            ContentRootPath = AppContext.BaseDirectory,
        });
        configure?.Invoke(builder);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(StorageSettings.DefaultUrl);
        }

        var data = StorageSettings.DataDirectory(builder.Configuration);
        Directory.CreateDirectory(data);
        JwtSecretFile.EnsureConfigured(key => builder.Configuration[key], (key, value) => builder.Configuration[key] = value, data);
        builder.Services.ConfigureHttpJsonOptions(o => StorageJson.Configure(o.SerializerOptions));

        builder.Services.AddStorageDb(DatabaseConnection(builder.Configuration, data));
        var herald = builder.Services.AddHerald(builder.Configuration.GetSection("Herald"))
            .AddOutboxRelay<StorageDb>();

        // Herald's log: durable SQLite by default, so dashboards resume across restarts; Redis for
        // several instances of the service (seed 000 distributes its events through Redis).
        builder.Services.AddHeraldConfigurationKey(StorageSettings.HeraldStoreKey, typeof(string));
        switch (builder.Configuration["Herald:" + StorageSettings.HeraldStoreKey]?.Trim().ToLowerInvariant())
        {
            case "memory":
                break;
            case "redis":
                herald.UseRedis(builder.Configuration.GetSection("Herald:Redis"));
                break;
            default:
                herald.UseSqlite(Path.Combine(data, SqliteDatabase.FileName));
                break;
        }

        var app = builder.Build();
        CreateDatabase(app);
        app.UseDefaultFiles();
        app.UseStaticFiles();
        var storage = app.MapGroup("/storage").WithTags("Storage");
        LocationEndpoints.Map(storage);
        AipEndpoints.Map(storage);
        WorkflowEndpoints.Map(storage);
        TaskEndpoints.Map(storage);

        // POST /storage/monitor: a JWT buys a 5 s ticket cookie; GET /storage/monitor upgrades with it
        // and speaks the storage monitor's own messages, so the service's existing clients connect unchanged.
        app.MapHeraldTicket("/storage/monitor", cookiePath: "/storage/monitor");
        app.MapHerald("/storage/monitor", m => m.UseWireFormat(StorageMonitorFormat.Instance).Subscribe(StoragePublishing.Channel));

        // Protocol v1 for Herald's clients (the dashboard page, herald tail): the same feed, with offsets and resume.
        app.MapHerald("/ws", m => m.Subscribe(StoragePublishing.Channel));

        // The browser client the dashboard is built on (wwwroot/js/app.js imports it).
        app.MapHeraldClientScript();
        app.MapHeraldHealth("/health");
        app.Lifetime.ApplicationStarted.Register(() => Log.Ready(app.Logger, string.Join(", ", app.Urls)));
        return app;
    }

    /// <summary>The storage database with publishing: every SaveChanges writes its events to the outbox.</summary>
    public static IServiceCollection AddStorageDb(this IServiceCollection services, string connectionString) =>
        services.AddDbContext<StorageDb>(o => o.UseSqlite(connectionString).AddHeraldPublishing(StoragePublishing.Configure));

    public static string DatabaseConnection(IConfiguration configuration, string dataDirectory) =>
        configuration.GetConnectionString("Storage")
        ?? new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "storage.db"), DefaultTimeout = 30 }.ToString();

    private static void CreateDatabase(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StorageDb>();

        // A sample: the schema is created, not migrated. WAL lets the relay read beside the API's writes.
        db.Database.EnsureCreated();
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, EventName = "Ready", Message = "Storage dashboard at {Urls}. Mint a token to sign in with: dotnet run --project samples/StorageService -- token --sub you --attr storage:locations:list,storage:aips:list,storage:aips:read,storage:aips:workflows:list")]
        public static partial void Ready(ILogger logger, string urls);
    }
}
