using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Herald.Testing;

/// <summary>
/// Just enough of the Redis protocol for a fixture to ask a server something (PING, INFO,
/// CONFIG GET, DEBUG SLEEP) without a client library: one connection per command, the first
/// reply line or bulk string as text. Arrays come back as their elements joined by newlines.
/// </summary>
internal static class RespClient
{
    public static async Task<string?> TryAsync(int port, params string[] command)
    {
        try
        {
            return await SendAsync(port, command);
        }
        catch (Exception ex) when (ex is SocketException or IOException or TimeoutException)
        {
            return null;
        }
    }

    public static async Task<string?> SendAsync(int port, params string[] command)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, deadline.Token);
        var stream = client.GetStream();
        var request = new StringBuilder().Append(CultureInfo.InvariantCulture, $"*{command.Length}\r\n");
        foreach (var part in command)
        {
            request.Append(CultureInfo.InvariantCulture, $"${Encoding.UTF8.GetByteCount(part)}\r\n{part}\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), deadline.Token);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await ReadAsync(reader, deadline.Token);
    }

    private static async Task<string?> ReadAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var line = await reader.ReadLineAsync(cancellationToken) ?? throw new IOException("Redis closed the connection without a reply.");
        var rest = line[1..];
        switch (line[0])
        {
            case '$':
                var length = int.Parse(rest, CultureInfo.InvariantCulture);
                if (length < 0)
                {
                    return null;
                }

                var buffer = new char[length + 2];
                await reader.ReadBlockAsync(buffer, cancellationToken);
                return new string(buffer, 0, length);
            case '*':
                var count = int.Parse(rest, CultureInfo.InvariantCulture);
                var items = new List<string?>();
                for (var i = 0; i < count; i++)
                {
                    items.Add(await ReadAsync(reader, cancellationToken));
                }

                return string.Join('\n', items);
            case '-':
                return "ERR:" + rest;
            default:
                return rest;
        }
    }
}
