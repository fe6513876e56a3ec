using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Herald.Client.Tests.Support;

/// <summary>
/// A WebSocket server that plays a script per connection, to drive the client through what a
/// real server does rarely (duplicates at a seam, every close code) deterministically.
/// </summary>
public sealed class ScriptedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedConnection> _connections = new();
    private int _count;

    private ScriptedServer(WebApplication app) => _app = app;

    /// <summary>Connections so far.</summary>
    public int Count => Volatile.Read(ref _count);

    public IReadOnlyCollection<ScriptedConnection> Connections => _connections;

    public Uri Url { get; private set; } = null!;

    /// <summary>Starts a server whose n-th connection (1-based) runs <c>script(connection, n)</c>.</summary>
    public static async Task<ScriptedServer> StartAsync(Func<ScriptedConnection, int, Task> script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ScriptedServer(app);
        app.UseWebSockets();
        app.Map("/ws", async (HttpContext context) =>
        {
            var number = Interlocked.Increment(ref server._count);
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var connection = new ScriptedConnection(socket, context.Request.Headers.Authorization.ToString(), context.Request.Headers["X-Api-Key"].ToString());
            server._connections.Enqueue(connection);
            await script(connection, number);
            await connection.FinishAsync();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + "/ws");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            connection.Abort();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
