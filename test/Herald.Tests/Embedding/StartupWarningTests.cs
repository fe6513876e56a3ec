using System.Net.Http.Json;
using Herald.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Herald.Tests.Embedding;

/// <summary>An application that adds Herald with no configuration starts, and its log says what is missing.</summary>
public sealed class StartupWarningTests
{
    [Fact]
    public async Task An_unconfigured_herald_starts_and_warns_about_credentials_and_namespaces()
    {
        var log = new CapturingLoggerProvider();
        await using var app = Build(log, []);

        await app.StartAsync();

        var warnings = log.Entries.Where(e => e.Level == LogLevel.Warning && e.Category.StartsWith("Herald", StringComparison.Ordinal)).ToList();
        warnings.Select(w => w.EventId.Name).ShouldBe(["NoCredential", "NoNamespace"], ignoreOrder: true);
        warnings.Single(w => w.EventId.Name == "NoCredential").Message.ShouldContain("Herald__Jwt__Secret");
        warnings.Single(w => w.EventId.Name == "NoNamespace").Message.ShouldContain("Herald:Namespaces");
        await app.StopAsync();
    }

    [Fact]
    public async Task A_configured_herald_starts_without_those_warnings_and_publishes()
    {
        var log = new CapturingLoggerProvider();
        await using var app = Build(log, new()
        {
            ["Herald:Jwt:Secret"] = TestSettings.Defaults()["Herald:Jwt:Secret"],
            ["Herald:Namespaces:job:HistorySize"] = "10",
        });

        await app.StartAsync();

        log.Entries.ShouldNotContain(e => e.EventId.Name == "NoCredential" || e.EventId.Name == "NoNamespace");
        using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", app.Services.GetRequiredService<DevTokenIssuer>().Issue("svc", ["publish"], TimeSpan.FromMinutes(5)));
        var response = await http.PostAsJsonAsync("/api/publish", new { channel = "job:42", @event = "TASK_CREATED" });
        response.EnsureSuccessStatusCode();
        await app.StopAsync();
    }

    private static WebApplication Build(CapturingLoggerProvider log, Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.AddProvider(log);
        builder.Services.AddHerald(builder.Configuration.GetSection("Herald")).AddCluster();
        var app = builder.Build();
        app.MapHerald("/ws");
        app.MapHeraldApi("/api");
        return app;
    }
}
