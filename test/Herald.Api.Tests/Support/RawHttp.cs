using System.Net.Sockets;
using System.Text;

namespace Herald.Api.Tests.Support;

/// <summary>
/// HTTP by hand over a socket, for requests HttpClient will not send (a body it never finishes).
/// Ask in HTTP/1.0 to get an answer without chunked encoding.
/// </summary>
internal static class RawHttp
{
    /// <summary>Sends <paramref name="head"/> (request line and headers, no blank line) and <paramref name="body"/>; returns the whole answer's text.</summary>
    public static async Task<(int Status, string Head, string Body)> SendAsync(Uri server, string head, string body)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(head + "\r\nConnection: close\r\n\r\n" + body));

        // The server closes after answering: it will not read a body it refused.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var answer = new MemoryStream();
        await stream.CopyToAsync(answer, timeout.Token);
        var text = Encoding.UTF8.GetString(answer.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var status = int.Parse(text.AsSpan(9, 3), provider: System.Globalization.CultureInfo.InvariantCulture);
        return (status, text[..split], text[(split + 4)..]);
    }
}
