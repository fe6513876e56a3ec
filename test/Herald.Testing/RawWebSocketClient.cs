using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Herald.Testing;

/// <summary>
/// A WebSocket client on a bare socket that does the handshake itself, so a test controls what
/// the kernel does: with a small receive buffer and no reads, the server's writes stall behind a
/// closed TCP window, as they do behind a real client that stopped reading. A ClientWebSocket
/// cannot play that: it keeps reading into its own buffers. Frames are read only when asked.
/// </summary>
public sealed class RawWebSocketClient : IAsyncDisposable
{
    private readonly NetworkStream _stream;

    private RawWebSocketClient(Socket socket) => _stream = new NetworkStream(socket, ownsSocket: true);

    /// <summary>Connects and upgrades; <paramref name="receiveBufferSize"/> is set before connecting, so it bounds the TCP window.</summary>
    public static async Task<RawWebSocketClient> ConnectAsync(Uri uri, int receiveBufferSize = 4096)
    {
        var client = await OpenAsync(uri, receiveBufferSize);
        try
        {
            await client._stream.WriteAsync(Encoding.ASCII.GetBytes(UpgradeRequest(uri)));
            var response = await client.ReadHeadAsync();
            response.ShouldStartWith("HTTP/1.1 101", Case.Sensitive, response);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Sends a request head of the test's own making, <paramref name="bytesPerWrite"/> bytes per write, with
    /// <paramref name="following"/> in the same last write (frames a client sends before the 101 arrives);
    /// returns the client, for the frames after a 101, and the response head.
    /// </summary>
    public static async Task<(RawWebSocketClient Client, string Response)> RequestAsync(Uri uri, string head, int bytesPerWrite = int.MaxValue, byte[]? following = null)
    {
        var client = await OpenAsync(uri, 64 * 1024);
        try
        {
            var bytes = Encoding.ASCII.GetBytes(head).Concat(following ?? []).ToArray();
            for (var sent = 0; sent < bytes.Length; sent += bytesPerWrite)
            {
                await client._stream.WriteAsync(bytes.AsMemory(sent, Math.Min(bytesPerWrite, bytes.Length - sent)));
            }

            return (client, await client.ReadHeadAsync());
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>The upgrade request a well-behaved client sends, with <paramref name="extraHeaders"/> (each line ending in CRLF) before the blank line.</summary>
    public static string UpgradeRequest(Uri uri, string extraHeaders = "")
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        return $"GET {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n{extraHeaders}\r\n";
    }

    /// <summary>One masked text frame, as RFC 6455 §5.3 requires of clients.</summary>
    public static byte[] TextFrame(string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        var header = payload.Length < 126 ? 2 : 4;
        payload.Length.ShouldBeLessThanOrEqualTo(ushort.MaxValue);
        var frame = new byte[header + 4 + payload.Length];
        frame[0] = 0x80 | RawFrame.TextOpcode;
        if (header == 2)
        {
            frame[1] = (byte)(0x80 | payload.Length);
        }
        else
        {
            frame[1] = 0x80 | 126;
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)payload.Length);
        }

        var mask = frame.AsSpan(header, 4);
        RandomNumberGenerator.Fill(mask);
        for (var i = 0; i < payload.Length; i++)
        {
            frame[header + 4 + i] = (byte)(payload[i] ^ mask[i & 3]);
        }

        return frame;
    }

    /// <summary>Sends one masked text frame.</summary>
    public async Task SendTextAsync(string text) => await _stream.WriteAsync(TextFrame(text));

    private static async Task<RawWebSocketClient> OpenAsync(Uri uri, int receiveBufferSize)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = receiveBufferSize, NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Parse(uri.Host), uri.Port));
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new RawWebSocketClient(socket);
    }

    /// <summary>The next frame; null when the connection ended without one (closed or reset).</summary>
    public async Task<RawFrame?> ReadFrameAsync(CancellationToken cancellationToken = default)
    {
        var head = new byte[14];
        try
        {
            await _stream.ReadExactlyAsync(head.AsMemory(0, 2), cancellationToken);
            long length = head[1] & 0x7F;
            if (length == 126)
            {
                await _stream.ReadExactlyAsync(head.AsMemory(2, 2), cancellationToken);
                length = BinaryPrimitives.ReadUInt16BigEndian(head.AsSpan(2));
            }
            else if (length == 127)
            {
                await _stream.ReadExactlyAsync(head.AsMemory(2, 8), cancellationToken);
                length = (long)BinaryPrimitives.ReadUInt64BigEndian(head.AsSpan(2));
            }

            (head[1] & 0x80).ShouldBe(0, "server frames are never masked");
            var payload = new byte[length];
            await _stream.ReadExactlyAsync(payload, cancellationToken);
            return new RawFrame(head[0] & 0x0F, (head[0] & 0x80) != 0, payload);
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads every frame up to and including the close frame, or until the connection ends without
    /// one (the last frame is then not a close frame: the client would report 1006).
    /// </summary>
    public async Task<List<RawFrame>> ReadToEndAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        var frames = new List<RawFrame>();
        while (await ReadFrameAsync(deadline.Token) is { } frame)
        {
            frames.Add(frame);
            if (frame.IsClose)
            {
                break;
            }
        }

        return frames;
    }

    /// <summary>The text frames' messages up to the first one containing <paramref name="marker"/> (coalesced frames are split on '\n').</summary>
    public async Task<List<string>> ReadMessagesUntilAsync(string marker, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TestClient.DefaultTimeout);
        var messages = new List<string>();
        while (await ReadFrameAsync(deadline.Token) is { } frame)
        {
            if (frame.Opcode != RawFrame.TextOpcode)
            {
                continue;
            }

            foreach (var message in frame.Text.Split('\n'))
            {
                messages.Add(message);
                if (message.Contains(marker, StringComparison.Ordinal))
                {
                    return messages;
                }
            }
        }

        throw new InvalidOperationException($"The connection ended before a message with {marker} arrived.");
    }

    public async ValueTask DisposeAsync() => await _stream.DisposeAsync();

    /// <summary>The next HTTP response head, read byte by byte so no frame that follows it is consumed.</summary>
    public async Task<string> ReadHeadAsync()
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || head[^1] != '\n' || head[^2] != '\r' || head[^3] != '\n' || head[^4] != '\r')
        {
            await _stream.ReadExactlyAsync(one);
            head.Add(one[0]);
        }

        return Encoding.ASCII.GetString([.. head]);
    }
}
