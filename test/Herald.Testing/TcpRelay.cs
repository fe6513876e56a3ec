using System.Net;
using System.Net.Sockets;

namespace Herald.Testing;

/// <summary>
/// A TCP relay between a client and a server, to play the network: <see cref="Cut"/> resets every
/// connection (a dropped Wi-Fi), <see cref="Freeze"/> keeps them open but silent (a laptop asleep).
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private volatile int _targetPort;
    private readonly Lock _gate = new();
    private readonly List<Pair> _pairs = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private volatile bool _frozen;
    private int _accepted;

    public TcpRelay(Uri target)
    {
        _targetPort = target.Port;
        _listener.Start();
        _accepting = Task.Run(AcceptLoopAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Sends new connections to another server, as a load balancer does when a node dies.</summary>
    public void Retarget(Uri target) => _targetPort = target.Port;

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    public Uri WebSocketUri(string path = "/ws") => new($"ws://127.0.0.1:{Port}{path}");

    /// <summary>Resets every open connection, as when the network goes away.</summary>
    public void Cut()
    {
        List<Pair> pairs;
        lock (_gate)
        {
            pairs = [.. _pairs];
            _pairs.Clear();
        }

        foreach (var pair in pairs)
        {
            Reset(pair.Client);
            Reset(pair.Server);
        }
    }

    /// <summary>
    /// Open connections go silent for good without closing (bytes are swallowed, nothing fails), and
    /// new ones do too until <see cref="Thaw"/>: a laptop asleep.
    /// </summary>
    public void Freeze()
    {
        _frozen = true;
        lock (_gate)
        {
            foreach (var pair in _pairs)
            {
                pair.Frozen = true;
            }
        }
    }

    /// <summary>New connections are forwarded again; the frozen ones stay dead.</summary>
    public void Thaw() => _frozen = false;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private static void Reset(TcpClient client)
    {
        try
        {
            if (client.Client is { } socket)
            {
                socket.LingerState = new LingerOption(true, 0);
            }

            client.Close();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            Interlocked.Increment(ref _accepted);
            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            }
            catch (SocketException)
            {
                Reset(client);
                server.Dispose();
                continue;
            }

            var pair = new Pair(client, server) { Frozen = _frozen };
            lock (_gate)
            {
                _pairs.Add(pair);
            }

            _ = PumpAsync(pair, client, server);
            _ = PumpAsync(pair, server, client);
        }
    }

    private async Task PumpAsync(Pair pair, TcpClient from, TcpClient to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            var source = from.GetStream();
            var target = to.GetStream();
            while (true)
            {
                var read = await source.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    to.Client.Shutdown(SocketShutdown.Send);
                    return;
                }

                // A frozen link swallows what it reads: the peer's bytes go nowhere, like a sleeping host's.
                if (!pair.Frozen)
                {
                    await target.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            Reset(from);
            Reset(to);
        }
    }

    private sealed class Pair(TcpClient client, TcpClient server)
    {
        public TcpClient Client { get; } = client;

        public TcpClient Server { get; } = server;

        public volatile bool Frozen;
    }
}
