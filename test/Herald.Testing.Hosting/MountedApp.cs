using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Testing;

/// <summary>An application embedding Herald with its own mounts, as an application would.</summary>
public static class MountedApp
{
    public static Task<HeraldTestServer> StartAsync(Dictionary<string, string?>? overrides = null) =>
        StartAsync(overrides, configure: null, map: null);

    /// <summary>The same app with the application's own services (<paramref name="configure"/>) and routes (<paramref name="map"/>).</summary>
    public static Task<HeraldTestServer> StartAsync(Dictionary<string, string?>? overrides, Action<WebApplicationBuilder>? configure, Action<WebApplication>? map) =>
        HeraldTestServer.StartAsync(overrides, build: settings =>
        {
            TestSettings.ForEmbedding(settings);
            var builder = WebApplication.CreateBuilder();
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddInMemoryCollection(settings);
            builder.WebHost.UseUrls(settings["urls"]!);
            builder.Services.AddHerald(builder.Configuration.GetSection("Herald"));
            configure?.Invoke(builder);
            var app = builder.Build();
            app.MapHerald("/ws");
            app.MapHerald("/storage/monitor", m => m.Subscribe("storage"));
            app.MapHerald("/me", m => m.Subscribe("user:{sub}", snapshot: true));
            app.MapHerald("/ops", m => m.Subscribe("public:ops").Subscribe("admin:ops"));
            app.MapHerald("/aips", m => m.Subscribe("storage", events: ["aip.*"]));
            app.MapHerald("/tiny", m => m.Subscribe("tiny:feed"));
            app.MapHeraldApi();
            map?.Invoke(app);
            return app;
        });
}
