using Herald.Server.OpenApi;
using Herald.AspNetCore;
using Herald.AspNetCore.Cluster;
using Herald.Server.Metrics;
using Herald.Storage.Postgres;
using Herald.Storage.Sqlite;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Herald.Server;

/// <summary>The standalone server's composition, shared by <c>Program</c>, the CLI commands and the tests.</summary>
public static partial class HeraldServerApp
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    public const int DefaultListenBacklog = 4096;

    private const string MetricsPath = "/metrics";

    public static WebApplicationBuilder CreateBuilder(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,

            // appsettings.json ships next to the binary; ./herald-data stays relative to where it runs.
            ContentRootPath = AppContext.BaseDirectory,
        });
        configure?.Invoke(builder);

        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        if (ClusterFeed(builder.Configuration))
        {
            MetricsPort.Listen(builder, builder.Configuration["urls"] ?? builder.Configuration["ASPNETCORE_URLS"] ?? DefaultUrl);
        }

        // Every client of a restarted node reconnects at once; SYNs beyond the accept queue wait for TCP's
        // 1 s, 3 s, ... retransmits. The kernel caps this at net.core.somaxconn.
        var backlog = builder.Configuration.GetValue("Herald:ListenBacklog", DefaultListenBacklog);
        builder.WebHost.UseSockets(o => o.Backlog = backlog);

        SecretBootstrap.EnsureJwtKey(builder.Configuration);
        AddStore(builder.Services, builder.Configuration);
        builder.Services.AddHeraldConfigurationKey("ListenBacklog", typeof(int))
            .AddHeraldConfigurationKey("ClusterFeed", typeof(bool))
            .AddHeraldConfigurationKey("MetricsUrl", typeof(string))
            .AddHeraldConfigurationKey("Postgres", typeof(PostgresOptions));
        builder.Services.AddHerald(builder.Configuration.GetSection("Herald"));
        if (ClusterFeed(builder.Configuration))
        {
            builder.Services.AddHeraldCluster();
        }
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer<SecuritySchemesTransformer>());
        return builder;
    }

    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var app = CreateBuilder(args, configure).Build();
        if (ClusterFeed(app.Configuration) && MetricsPort.Port(app.Configuration) is { } metricsPort)
        {
            MetricsPort.Gate(app, metricsPort, MetricsPath);
        }

        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapHerald("/ws");
        app.MapHeraldApi("/api");
        app.MapHeraldHealth("/health");
        if (ClusterFeed(app.Configuration))
        {
            app.MapHeraldCluster("/ws/cluster");
            app.MapHeraldMetrics(MetricsPath);
        }
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHeraldClientScript();
        app.Lifetime.ApplicationStarted.Register(() => Announce(app));
        return app;
    }

    /// <summary>
    /// <c>Herald:Store</c>: <c>sqlite</c> (the shipped default, <c>&lt;DataDirectory&gt;/herald.db</c>),
    /// <c>postgres</c> (many nodes; <c>Herald:Postgres:ConnectionString</c>) or <c>memory</c>.
    /// Registered before AddHerald, whose in-memory defaults then stand aside.
    /// </summary>
    private static void AddStore(IServiceCollection services, IConfiguration configuration)
    {
        var store = (configuration["Herald:Store"] ?? "memory").Trim().ToLowerInvariant();
        switch (store)
        {
            case "memory":
                break;
            case "sqlite":
                services.AddHeraldSqlite(Path.Combine(SecretBootstrap.DataDirectory(configuration), SqliteDatabase.FileName));
                services.AddHeraldSqliteKeys();
                break;
            case "postgres":
                services.AddHeraldPostgres(configuration.GetSection("Herald:Postgres"));
                break;
            default:
                throw new InvalidOperationException($"Herald:Store must be memory, sqlite or postgres, not '{store}'.");
        }
    }

    /// <summary><c>Herald:ClusterFeed</c> (default on): the <c>cluster</c> channel, <c>/ws/cluster</c> and <c>/metrics</c>.</summary>
    private static bool ClusterFeed(IConfiguration configuration) => configuration.GetValue("Herald:ClusterFeed", true);

    private static void Announce(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        Log.Listening(app.Logger, string.Join(", ", addresses));
        if (SecretBootstrap.Generated is { } path)
        {
            Log.SecretGenerated(app.Logger, path);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.Listening, Level = LogLevel.Information, EventName = "Listening", Message = "Herald is listening on {Addresses}. Mint a development token with: dotnet run --project src/Herald.Server -- token --sub alice --attr admin,publish")]
        public static partial void Listening(ILogger logger, string addresses);

        [LoggerMessage(EventId = EventIds.SecretGenerated, Level = LogLevel.Warning, EventName = "SecretGenerated", Message = "No Herald:Jwt key was configured, so a random HS256 secret was generated into {Path}. Keep it private; set Herald__Jwt__Secret in production.")]
        public static partial void SecretGenerated(ILogger logger, string path);
    }
}
