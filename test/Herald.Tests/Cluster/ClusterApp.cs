using Herald.WireFormats;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Cluster;

/// <summary>An application embedding Herald with its cluster feed, on a clock the test drives.</summary>
internal static class ClusterApp
{
    /// <param name="clusterFormat">The wire format of <c>/ws/cluster</c>; null: its default, the cluster status format.</param>
    public static Task<HeraldTestServer> StartAsync(FakeTimeProvider clock, WireFormat? clusterFormat = null) =>
        HeraldTestServer.StartAsync(null, settings =>
        {
            TestSettings.ForEmbedding(settings);
            var builder = WebApplication.CreateBuilder();
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddInMemoryCollection(settings);
            builder.WebHost.UseUrls(settings["urls"]!);
            builder.Services.AddSingleton<TimeProvider>(clock);
            builder.Services.AddHerald(builder.Configuration.GetSection("Herald")).AddCluster();
            var app = builder.Build();
            app.MapHerald("/ws");
            app.MapHeraldApi("/api");
            app.MapHeraldCluster("/ws/cluster", wireFormat: clusterFormat);
            app.MapHeraldMetrics("/metrics");
            return app;
        });
}
