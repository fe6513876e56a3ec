using Herald.Server.OpenApi;
using Herald.AspNetCore;
using Herald.AspNetCore.Cluster;
using Herald.Server.Metrics;
using Herald.Server.Configuration;
using Herald.Storage.Sqlite;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Herald.Server;

/// <summary>The standalone server's composition, shared by <c>Program</c>, the CLI commands and the tests.</summary>
public static partial class HeraldServerApp
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    private const string MetricsPath = "/metrics";
    private const string ClusterPath = "/ws/cluster";

    public static WebApplicationBuilder CreateBuilder(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,

            // appsettings.json ships next to the binary; ./herald-data stays relative to where it runs.
            ContentRootPath = AppContext.BaseDirectory,
        });
        configure?.Invoke(builder);
        var server = HeraldServerOptions.Read(builder.Configuration);

        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        if (server.ClusterFeed)
        {
            MetricsPort.Listen(builder, builder.Configuration["urls"] ?? builder.Configuration["ASPNETCORE_URLS"] ?? DefaultUrl, server.MetricsUrl);
        }

        builder.WebHost.UseSockets(o =>
        {
            o.Backlog = server.ListenBacklog;
            o.UnsafePreferInlineScheduling = server.InlineSocketSends;
        });
        if (server.LeanWebSockets)
        {
            // Not on the metrics port, which serves nothing but /metrics and /health.
            var metricsPort = MetricsPort.Port(server.MetricsUrl);
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen =>
            {
                if (listen.IPEndPoint?.Port is not { } port || port != metricsPort)
                {
                    listen.UseHeraldWebSockets();
                }
            }));
        }

        SecretBootstrap.EnsureJwtKey(builder.Configuration, SecretBootstrap.DataDirectory(server.DataDirectory));
        builder.Services.AddHeraldConfigurationKeys(typeof(HeraldServerOptions));
        var herald = builder.Services.AddHerald(builder.Configuration.GetSection("Herald"));
        UseStore(herald, server, builder.Configuration);
        if (server.ClusterFeed)
        {
            herald.AddCluster();
        }

        builder.Services.AddOpenApi(o => o.AddDocumentTransformer<SecuritySchemesTransformer>());
        return builder;
    }

    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var app = CreateBuilder(args, configure).Build();
        var server = HeraldServerOptions.Read(app.Configuration);
        if (server.ClusterFeed && MetricsPort.Port(server.MetricsUrl) is { } metricsPort)
        {
            MetricsPort.Gate(app, metricsPort, MetricsPath);
        }

        app.UseDefaultFiles();
        app.UseStaticFiles();
        MapMounts(app, server);
        app.MapHeraldApi("/api");
        app.MapHeraldHealth("/health");
        if (server.ClusterFeed)
        {
            app.MapHeraldCluster(ClusterPath, wireFormat: server.Mounts.FirstOrDefault(m => IsPath(m, ClusterPath))?.WireFormat);
            app.MapHeraldMetrics(MetricsPath);
        }
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHeraldClientScript();
        app.Lifetime.ApplicationStarted.Register(() => Announce(app));
        return app;
    }

    /// <summary>
    /// <c>/ws</c> speaks protocol v1 unless <c>Herald:Mounts</c> says otherwise; each listed mount its own
    /// format. Listing <c>/ws/cluster</c> changes the cluster mount's format (its subscription stays).
    /// </summary>
    private static void MapMounts(WebApplication app, HeraldServerOptions server)
    {
        if (!server.Mounts.Any(m => IsPath(m, "/ws")))
        {
            app.MapHerald("/ws");
        }

        foreach (var mount in server.Mounts.Where(m => !(server.ClusterFeed && IsPath(m, ClusterPath))))
        {
            app.MapHerald(mount.Path.TrimEnd('/'), m => m.UseWireFormat(mount.WireFormat!));
        }
    }

    private static bool IsPath(MountOptions mount, string path) => string.Equals(mount.Path.TrimEnd('/'), path, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// <c>Herald:Store</c>: <c>sqlite</c> (the shipped default, <c>&lt;DataDirectory&gt;/herald.db</c>),
    /// <c>postgres</c> (many nodes; <c>Herald:Postgres:ConnectionString</c>), <c>redis</c> (many nodes;
    /// <c>Herald:Redis:ConnectionString</c> or <c>ConnectionStrings</c>) or <c>memory</c>.
    /// </summary>
    private static void UseStore(IHeraldBuilder herald, HeraldServerOptions server, IConfiguration configuration)
    {
        switch (server.StoreName)
        {
            case "sqlite":
                herald.UseSqlite(Path.Combine(SecretBootstrap.DataDirectory(server.DataDirectory), SqliteDatabase.FileName));
                break;
            case "postgres":
                herald.UsePostgres(configuration.GetSection("Herald:Postgres"));
                break;
            case "redis":
                herald.UseRedis(configuration.GetSection("Herald:Redis"));
                break;
        }
    }

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
