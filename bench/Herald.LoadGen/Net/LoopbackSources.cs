using System.Net;
using System.Net.Sockets;

namespace Herald.LoadGen.Net;

/// <summary>
/// Spreads client sockets over many loopback source addresses (127.0.0.1 .. 127.0.0.N) so that tens of thousands
/// of connections to one server port do not run out of ephemeral ports on a single source address.
/// </summary>
internal sealed class LoopbackSources
{
    // Linux IP_BIND_ADDRESS_NO_PORT: bind the address now, pick the port at connect time, so ports are only
    // reserved per (source, destination) pair instead of per source address.
    private const int IpBindAddressNoPort = 24;
    private readonly IPAddress[] _addresses;
    private int _next = -1;

    public LoopbackSources(int count)
    {
        _addresses = Enumerable.Range(1, Math.Clamp(count, 1, 254))
            .Select(i => new IPAddress([127, 0, 0, (byte)i]))
            .ToArray();
    }

    public int Count => _addresses.Length;

    /// <summary>An HTTP handler whose connections each come from the next source address in turn.</summary>
    public SocketsHttpHandler CreateHandler(int maxConnectionsPerServer = int.MaxValue) => new()
    {
        ConnectCallback = ConnectAsync,
        MaxConnectionsPerServer = maxConnectionsPerServer,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        ConnectTimeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>A TCP socket bound to the next source address, not yet connected.</summary>
    public Socket CreateSocket()
    {
        var source = _addresses[(int)((uint)Interlocked.Increment(ref _next) % (uint)_addresses.Length)];
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.SetRawSocketOption((int)SocketOptionLevel.IP, IpBindAddressNoPort, BitConverter.GetBytes(1));
            socket.Bind(new IPEndPoint(source, 0));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var socket = CreateSocket();
        try
        {
            var target = IPAddress.Parse(context.DnsEndPoint.Host);
            await socket.ConnectAsync(new IPEndPoint(target, context.DnsEndPoint.Port), ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
