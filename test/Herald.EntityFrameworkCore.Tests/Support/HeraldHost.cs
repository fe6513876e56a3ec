using Herald.Configuration;
using Herald.Log;
using Herald.Protocol;
using Herald.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Herald.EntityFrameworkCore.Tests.Support;

/// <summary>
/// Herald itself (in-memory log), apart from the application: the application's relay can be
/// stopped and started again while Herald, and what it remembers of idempotency keys, lives on.
/// </summary>
public sealed class HeraldHost : IAsyncDisposable
{
    private readonly IHost _host;

    private HeraldHost(IHost host) => _host = host;

    public IHeraldPublisher Publisher => _host.Services.GetRequiredService<IHeraldPublisher>();

    public static async Task<HeraldHost> StartAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddHerald(configure: o =>
        {
            o.Jwt.Secret = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
            o.Namespaces["storage"] = new NamespaceOptions();
        });
        var host = builder.Build();
        await host.StartAsync();
        return new HeraldHost(host);
    }

    /// <summary>Every event in the channel's log, in offset order.</summary>
    public async Task<IReadOnlyList<LogEntry>> EventsAsync(string channel = TestPublishing.Channel)
    {
        var log = _host.Services.GetRequiredService<IEventLog>();
        var head = await log.ReadHeadAsync(channel, CancellationToken.None);
        return await log.ReadRangeAsync(channel, 0, head.LastOffset, int.MaxValue, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
