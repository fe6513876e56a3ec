using System.Net;
using System.Net.Sockets;

namespace Herald.Testing;

public static class FreePorts
{
    /// <summary>A port free right now: the OS picks it for a listener that is closed at once.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
