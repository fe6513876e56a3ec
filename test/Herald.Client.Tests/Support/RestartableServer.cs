using Herald.Log;
using Herald.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Client.Tests.Support;

/// <summary>
/// The real server that can be stopped and started again on the same port with the same data
/// directory and JWT secret, as a node restart looks to its clients.
/// </summary>
public sealed class RestartableServer(Dictionary<string, string?>? overrides = null) : IAsyncDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "herald-client-tests", Guid.NewGuid().ToString("N"));
    private int _port;

    public HeraldTestServer Server { get; private set; } = null!;

    public Uri WebSocketUri => Server.WebSocketUri();

    /// <summary>True when the running server's log survives a restart (anything but the in-memory log).</summary>
    public bool IsDurable => Server.Services.GetRequiredService<IEventLog>().GetType().Name != "InMemoryEventLog";

    public async Task StartAsync()
    {
        var settings = new Dictionary<string, string?>(overrides ?? [])
        {
            ["Herald:DataDirectory"] = _dataDirectory,
            ["Herald:DrainTimeout"] = "00:00:02",
        };
        Server = await HeraldTestServer.StartAsync(settings, all =>
        {
            all["urls"] = $"http://127.0.0.1:{_port}";
            return HeraldServerApp.Create([], builder =>
            {
                builder.Configuration.Sources.Clear();
                builder.Configuration.AddInMemoryCollection(all);
            });
        });
        _port = Server.BaseAddress.Port;
    }

    /// <summary>A graceful stop (1001 to every connection), then the port is free.</summary>
    public async Task StopAsync() => await Server.DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
