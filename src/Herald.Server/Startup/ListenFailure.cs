using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Herald.Server.Startup;

/// <summary>
/// A start that fails because Kestrel cannot bind is the operator's to fix (another process has
/// the port, a privileged port, an address this machine does not have): one sentence saying
/// which address and what to do, instead of the host's stack traces.
/// </summary>
internal static partial class ListenFailure
{
    public static string? Describe(Exception exception, IEnumerable<string> configuredUrls)
    {
        if (exception is not IOException io || Innermost(io) is not SocketException socket)
        {
            return null;
        }

        var address = BoundAddress().Match(io.Message) is { Success: true } match ? match.Groups[1].Value : string.Join(", ", configuredUrls);
        var (reason, advice) = socket.SocketErrorCode switch
        {
            SocketError.AddressAlreadyInUse => ("address already in use", "Stop the other process or pass --urls with another port, e.g. --urls http://127.0.0.1:8081."),
            SocketError.AccessDenied => ("permission denied", "Ports below 1024 need privileges; pass --urls with a higher port, e.g. --urls http://127.0.0.1:8080."),
            SocketError.AddressNotAvailable => ("this machine has no such address", "Pass --urls with one of its addresses, e.g. --urls http://0.0.0.0:8080."),
            _ => (socket.Message, "Pass --urls with an address this machine can listen on."),
        };
        return $"herald: cannot listen on {address}: {reason}. {advice}";
    }

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is { } inner)
        {
            exception = inner;
        }

        return exception;
    }

    // Kestrel's "Failed to bind to address http://127.0.0.1:8080: address already in use."
    [GeneratedRegex(@"to address (\S+?)(?=:\s|\.?$)", RegexOptions.CultureInvariant)]
    private static partial Regex BoundAddress();
}
