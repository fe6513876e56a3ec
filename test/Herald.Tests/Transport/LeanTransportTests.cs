using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Transport;

/// <summary>
/// The standalone server answers WebSocket upgrades before Kestrel's HTTP/1.1 pipeline, so an idle
/// connection does not keep an HTTP request open for its whole life (what made it cost ~16 KB).
/// Operators see that in the host's own <c>http.server.active_requests</c>.
/// </summary>
public sealed class LeanTransportTests
{
    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 3)]
    public async Task Subscribed_WebSockets_hold_no_HTTP_request_open_unless_the_lean_path_is_off(bool lean, int expectedOpenRequests)
    {
        await using var server = await HeraldTestServer.StartAsync(new() { ["Herald:LeanWebSockets"] = lean ? "true" : "false" });
        using var requests = new ActiveRequests(server.Services.GetRequiredService<IMeterFactory>());
        var clients = new List<TestClient>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var client = await server.ConnectWelcomedAsync(server.Token("user" + i));
                clients.Add(client);
                await client.SendAsync(new { type = "subscribe", channel = "public:lean" });
                await client.NextOfTypeAsync("subscribed");
            }

            await server.PublishAsync("public:lean", "hello", new { n = 1 });
            foreach (var client in clients)
            {
                (await client.NextOfTypeAsync("event")).Str("event").ShouldBe("hello");
            }

            requests.Open.ShouldBe(expectedOpenRequests);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    /// <summary>The server's own hosting meter only: other tests' servers run in the same process.</summary>
    private sealed class ActiveRequests : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _open;

        public ActiveRequests(IMeterFactory meters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Name == "http.server.active_requests")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _open, value));
            _listener.Start();
        }

        public long Open => Interlocked.Read(ref _open);

        public void Dispose() => _listener.Dispose();
    }
}
