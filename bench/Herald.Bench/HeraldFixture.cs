using System.Net.WebSockets;
using Herald.AspNetCore.Transport.WebSockets;
using Herald.Configuration;
using Herald.Hub;
using Herald.Log;
using Herald.Security;
using Herald.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Bench;

/// <summary>
/// A real hub with real sessions, built from the same service registrations the server uses, but with WebSocket transports
/// over <see cref="Stream.Null"/>: the benchmarks measure Herald's own work per delivery, not the kernel's.
/// </summary>
internal sealed class HeraldFixture : IDisposable
{
    private readonly ServiceProvider _provider;

    /// <param name="fanOutThreads">1: the per-delivery cost on one thread; more: the striped fan-out (FanOutStripes).</param>
    public HeraldFixture(int fanOutThreads = 1)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddHerald(configure: o =>
        {
            o.Jwt.Secret = new string('s', 48);
            o.Namespaces["public"] = new NamespaceOptions();
            o.FanOutThreads = fanOutThreads;
        });
        _provider = services.BuildServiceProvider();
        Services = _provider.GetRequiredService<SessionServices>();
        Hub = _provider.GetRequiredService<HeraldHub>();
        Policy = _provider.GetRequiredService<NamespaceRules>().Resolve("public:bench")!;
    }

    public SessionServices Services { get; }

    public HeraldHub Hub { get; }

    public NamespacePolicy Policy { get; }

    public HeraldSession NewSession(string subject)
    {
        var socket = WebSocket.CreateFromStream(Stream.Null, new WebSocketCreationOptions { IsServer = true });
        var principal = new HeraldPrincipal(subject, PermissionSet.Empty, CredentialKind.Jwt);
        return new HeraldSession(new WebSocketTransport(socket, maxFrameBytes: 65536), principal, [], Services);
    }

    public static LogEntry Entry(string channel, long offset, int payloadBytes) => new()
    {
        Channel = channel,
        Epoch = "8f3a",
        Offset = offset,
        Event = "tick",
        Data = System.Text.Encoding.UTF8.GetBytes($"{{\"t\":1234567890123,\"pad\":\"{new string('x', Math.Max(0, payloadBytes - 34))}\"}}"),
        Timestamp = DateTimeOffset.UnixEpoch,
    };

    public void Dispose() => _provider.Dispose();
}
