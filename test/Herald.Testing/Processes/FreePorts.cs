using System.Net;
using System.Net.Sockets;

namespace Herald.Testing;

public static class FreePorts
{
    // Below Linux's ephemeral range (32768–60999): a port the OS hands out for "port 0" could be handed
    // again to any other test's listener or outgoing connection before the child process binds it,
    // and a node would then wait for another server's /health/ready (seen once in a full run).
    private const int First = 20000;
    private const int Last = 32000;

    /// <summary>A port free right now, outside the range the OS picks from for other sockets.</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(First, Last);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }

        throw new InvalidOperationException($"No free port between {First} and {Last}.");
    }
}
