using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Herald.LoadGen.Net;

/// <summary>
/// A minimal RFC 6455 client over a plain socket, for the generator's receive path. ClientWebSocket costs
/// several async layers (HttpConnection, ManagedWebSocket) per frame; measured here, one generator core then
/// delivered fewer messages than one server core sent, so every figure was the generator's. This client reads
/// whatever the kernel holds in one call and hands every complete frame in it to the handler synchronously.
/// No extensions, no compression, text frames only, as every server here is configured.
/// </summary>
internal sealed class RawWebSocket : IDisposable
{
    private const int MaxHeader = 14;
    private readonly Socket _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private byte[] _buffer;
    private int _start;
    private int _end;
    private byte[]? _fragments;
    private int _fragmentsLength;
    private byte[]? _pendingPong;
    private bool _leftover;

    private RawWebSocket(Socket socket, int bufferSize)
    {
        _socket = socket;
        _buffer = new byte[Math.Max(bufferSize, 1024)];
    }

    public string? CloseReason { get; private set; }

    public static async Task<RawWebSocket> ConnectAsync(Uri uri, Socket socket, int bufferSize, CancellationToken ct)
    {
        var ws = new RawWebSocket(socket, bufferSize);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Parse(uri.Host), uri.Port), ct);
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            var request = $"GET {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
            await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None, ct);
            await ws.ReadUpgradeResponseAsync(key, ct);
            return ws;
        }
        catch
        {
            ws.Dispose();
            throw;
        }
    }

    /// <summary>Receives once and dispatches every complete message; false when the connection is over.</summary>
    public async ValueTask<bool> ReceiveAsync(IMessageHandler handler)
    {
        if (_leftover)
        {
            // Frames that arrived with the upgrade response go first.
            _leftover = false;
            return Dispatch(handler);
        }

        if (_end == _buffer.Length)
        {
            MakeRoom();
        }

        var n = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None);
        if (n == 0)
        {
            CloseReason ??= "connection closed";
            return false;
        }

        _end += n;
        if (!Dispatch(handler))
        {
            return false;
        }

        if (_pendingPong is { } pong)
        {
            _pendingPong = null;
            await SendAsync(pong, opcode: 0xA, CancellationToken.None);
        }

        return true;
    }

    public Task SendTextAsync(ReadOnlyMemory<byte> payload, CancellationToken ct) => SendAsync(payload, opcode: 0x1, ct);

    /// <summary>Drops the connection with a reset, as a network failure or a killed client would.</summary>
    public void Abort()
    {
        try
        {
            _socket.LingerState = new LingerOption(true, 0);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _socket.Dispose();
    }

    public void Dispose()
    {
        _socket.Dispose();
        _sendLock.Dispose();
    }

    private async Task SendAsync(ReadOnlyMemory<byte> payload, byte opcode, CancellationToken ct)
    {
        // Client frames must be masked (RFC 6455 5.3); they are rare here (subscribe, pong), so one array each.
        var header = payload.Length < 126 ? 2 : payload.Length <= ushort.MaxValue ? 4 : 10;
        var frame = new byte[header + 4 + payload.Length];
        frame[0] = (byte)(0x80 | opcode);
        if (header == 2)
        {
            frame[1] = (byte)(0x80 | payload.Length);
        }
        else if (header == 4)
        {
            frame[1] = 0x80 | 126;
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)payload.Length);
        }
        else
        {
            frame[1] = 0x80 | 127;
            BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(2), (ulong)payload.Length);
        }

        var mask = frame.AsSpan(header, 4);
        RandomNumberGenerator.Fill(mask);
        var body = frame.AsSpan(header + 4);
        payload.Span.CopyTo(body);
        for (var i = 0; i < body.Length; i++)
        {
            body[i] ^= mask[i & 3];
        }

        await _sendLock.WaitAsync(ct);
        try
        {
            await _socket.SendAsync(frame, SocketFlags.None, ct);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private bool Dispatch(IMessageHandler handler)
    {
        while (true)
        {
            var available = _end - _start;
            if (available < 2)
            {
                break;
            }

            var span = _buffer.AsSpan(_start, available);
            var fin = (span[0] & 0x80) != 0;
            var opcode = span[0] & 0x0F;
            long length = span[1] & 0x7F;
            var header = 2;
            if (length == 126)
            {
                if (available < 4)
                {
                    break;
                }

                length = BinaryPrimitives.ReadUInt16BigEndian(span[2..]);
                header = 4;
            }
            else if (length == 127)
            {
                if (available < 10)
                {
                    break;
                }

                length = (long)BinaryPrimitives.ReadUInt64BigEndian(span[2..]);
                header = 10;
            }

            if ((span[1] & 0x80) != 0)
            {
                CloseReason = "protocol error: masked server frame";
                return false;
            }

            if (available < header + length)
            {
                // Incomplete: make sure the whole frame will fit, then wait for more bytes.
                if (header + length > _buffer.Length)
                {
                    Grow((int)(header + length));
                }

                break;
            }

            var payload = span.Slice(header, (int)length);
            _start += header + (int)length;
            switch (opcode)
            {
                case 0x1 or 0x2 when fin && _fragmentsLength == 0:
                    handler.OnMessage(payload);
                    break;
                case 0x0 or 0x1 or 0x2:
                    AppendFragment(payload);
                    if (fin)
                    {
                        handler.OnMessage(_fragments.AsSpan(0, _fragmentsLength));
                        _fragmentsLength = 0;
                    }

                    break;
                case 0x8:
                    CloseReason = payload.Length >= 2
                        ? $"{BinaryPrimitives.ReadUInt16BigEndian(payload)} {Encoding.UTF8.GetString(payload[2..])}"
                        : "close";
                    return false;
                case 0x9:
                    _pendingPong = payload.ToArray();
                    break;
            }
        }

        if (_start == _end)
        {
            _start = _end = 0;
        }

        return true;
    }

    private void AppendFragment(ReadOnlySpan<byte> payload)
    {
        if (_fragments is null || _fragmentsLength + payload.Length > _fragments.Length)
        {
            Array.Resize(ref _fragments, Math.Max(_fragmentsLength + payload.Length, (_fragments?.Length ?? 4096) * 2));
        }

        payload.CopyTo(_fragments.AsSpan(_fragmentsLength));
        _fragmentsLength += payload.Length;
    }

    private void MakeRoom()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        else
        {
            Grow(_buffer.Length * 2);
        }
    }

    private void Grow(int size)
    {
        var bigger = new byte[Math.Max(size, _buffer.Length) + MaxHeader];
        _buffer.AsSpan(_start, _end - _start).CopyTo(bigger);
        _end -= _start;
        _start = 0;
        _buffer = bigger;
    }

    private async Task ReadUpgradeResponseAsync(string key, CancellationToken ct)
    {
        while (true)
        {
            if (_end == _buffer.Length)
            {
                throw new IOException("upgrade response too large");
            }

            var n = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, ct);
            if (n == 0)
            {
                throw new IOException("connection closed during the upgrade");
            }

            _end += n;
            var headerEnd = _buffer.AsSpan(0, _end).IndexOf("\r\n\r\n"u8);
            if (headerEnd < 0)
            {
                continue;
            }

            var head = Encoding.ASCII.GetString(_buffer, 0, headerEnd);
            if (!head.StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
            {
                throw new IOException($"upgrade refused: {head.Split("\r\n")[0]}");
            }

            // SHA-1 is what RFC 6455 prescribes for the accept key; it protects nothing here. Inline, not
            // in .editorconfig: any other SHA-1 should still be flagged.
#pragma warning disable CA5350
            var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
#pragma warning restore CA5350
            if (!head.Contains(accept, StringComparison.Ordinal))
            {
                throw new IOException("upgrade response has the wrong Sec-WebSocket-Accept");
            }

            // Bytes after the headers are the first frames (Herald's welcome may come in the same segment).
            _start = headerEnd + 4;
            _leftover = _start < _end;
            if (!_leftover)
            {
                _start = _end = 0;
            }

            return;
        }
    }
}
