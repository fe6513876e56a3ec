using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Herald.LoadGen.Metrics;
using Herald.LoadGen.Protocols;

namespace Herald.LoadGen.Clients;

/// <summary>
/// One WebSocket subscriber. Its receive loop splits frames into messages, checks every event's offset against
/// its cursors and records latency from the timestamp in the payload; subscribe replies are applied to the
/// cursors inside the same loop so they are ordered with the events that follow them.
/// </summary>
internal sealed class SubscriberClient(int index, WireProtocol protocol, HttpMessageInvoker invoker, DeliveryStats stats, string[] channels, int receiveBufferSize)
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Uri _uri = protocol.SocketUri(index);
    private ClientWebSocket? _socket;
    private Task _receiveLoop = Task.CompletedTask;
    private TaskCompletionSource<ControlMessage>? _pending;
    private ChannelCursor? _pendingCursor;
    private int _nextId;
    private volatile bool _open;

    public int Index { get; } = index;

    public ChannelCursor[] Cursors { get; } = channels.Select(c => new ChannelCursor(c)).ToArray();

    public bool IsOpen => _open;

    public int Disconnects { get; private set; }

    public string? LastCloseReason { get; private set; }

    /// <summary>Raised from the receive loop when the connection ends for any reason.</summary>
    public event Action<SubscriberClient>? Disconnected;

    /// <summary>Connects, handshakes and subscribes to every channel (resuming with <c>since</c> when asked and possible).</summary>
    public async Task ConnectAsync(bool resume, CancellationToken ct)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        socket.Options.HttpVersion = HttpVersion.Version11;
        socket.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        try
        {
            await socket.ConnectAsync(_uri, invoker, ct);
            await protocol.HandshakeAsync(socket, ct);
        }
        catch
        {
            socket.Abort();
            socket.Dispose();
            throw;
        }

        _socket = socket;
        _open = true;
        _receiveLoop = ReceiveLoopAsync(socket);
        foreach (var cursor in Cursors)
        {
            var since = resume && protocol.SupportsResume ? cursor.ResumeFrom() : null;
            var reply = await RequestAsync(cursor, protocol.Subscribe(cursor.Name, ++_nextId, since), ct);
            if (reply.Kind != ControlKind.Subscribed)
            {
                throw new InvalidOperationException($"subscribe {cursor.Name} refused: {reply.Error}");
            }
        }
    }

    /// <summary>Drops the connection at once, as a network failure would.</summary>
    public void Abort() => _socket?.Abort();

    public async Task StopAsync()
    {
        Abort();
        await _receiveLoop;
        _socket?.Dispose();
    }

    private async Task<ControlMessage> RequestAsync(ChannelCursor cursor, byte[] message, CancellationToken ct)
    {
        var pending = new TaskCompletionSource<ControlMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pendingCursor = cursor;
        _pending = pending;
        await SendAsync(message, ct);
        return await pending.Task.WaitAsync(ReplyTimeout, ct);
    }

    private async Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken ct)
    {
        var socket = _socket ?? throw new InvalidOperationException("not connected");
        await _sendLock.WaitAsync(ct);
        try
        {
            await socket.SendAsync(message, WebSocketMessageType.Text, true, ct);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ReceiveLoopAsync(ClientWebSocket socket)
    {
        // Yield first so ConnectAsync can send its subscriptions while this loop waits for replies.
        await Task.Yield();
        var buffer = new byte[receiveBufferSize];
        byte[]? whole = null;
        var wholeLength = 0;
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    LastCloseReason = $"{(int?)socket.CloseStatus} {socket.CloseStatusDescription}";
                    break;
                }

                if (result.EndOfMessage && wholeLength == 0)
                {
                    ProcessFrame(buffer.AsSpan(0, result.Count));
                    continue;
                }

                // A frame larger than the buffer: gather it (rare, so a pooled array is enough).
                if (whole is null || wholeLength + result.Count > whole.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(wholeLength + result.Count, (whole?.Length ?? buffer.Length) * 2));
                    if (whole is not null)
                    {
                        whole.AsSpan(0, wholeLength).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(whole);
                    }

                    whole = bigger;
                }

                buffer.AsSpan(0, result.Count).CopyTo(whole.AsSpan(wholeLength));
                wholeLength += result.Count;
                if (result.EndOfMessage)
                {
                    ProcessFrame(whole.AsSpan(0, wholeLength));
                    wholeLength = 0;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            LastCloseReason ??= e.GetType().Name;
        }
        finally
        {
            if (whole is not null)
            {
                ArrayPool<byte>.Shared.Return(whole);
            }

            _open = false;
            Disconnects++;
            _pending?.TrySetException(new WebSocketException($"connection ended: {LastCloseReason}"));
            Disconnected?.Invoke(this);
        }
    }

    private void ProcessFrame(ReadOnlySpan<byte> frame)
    {
        var now = Stopwatch.GetTimestamp();
        var events = 0;
        var separator = protocol.Separator;
        while (!frame.IsEmpty)
        {
            var end = frame.IndexOf(separator);
            var message = end < 0 ? frame : frame[..end];
            frame = end < 0 ? default : frame[(end + 1)..];
            if (message.IsEmpty)
            {
                continue;
            }

            switch (protocol.Classify(message))
            {
                case MessageKind.Event:
                    if (EventScanner.TryRead(message, out var channel, out var offset, out var timestamp))
                    {
                        FindCursor(channel)?.Observe(offset);
                        stats.RecordLatency(timestamp, now);
                        events++;
                    }

                    break;
                case MessageKind.Ping:
                    if (!protocol.Pong.IsEmpty)
                    {
                        _ = SendPongAsync();
                    }

                    break;
                default:
                    HandleControl(message);
                    break;
            }
        }

        if (events > 0)
        {
            stats.AddFrame(events);
        }
    }

    private void HandleControl(ReadOnlySpan<byte> message)
    {
        ControlMessage control;
        try
        {
            control = protocol.ParseControl(message);
        }
        catch (JsonException)
        {
            return;
        }

        switch (control.Kind)
        {
            case ControlKind.Subscribed:
                _pendingCursor?.OnSubscribed(control);
                _pending?.TrySetResult(control);
                break;
            case ControlKind.Error:
                _pending?.TrySetResult(control);
                break;
            case ControlKind.Close:
                LastCloseReason = control.Error ?? "close";
                break;
        }
    }

    private ChannelCursor? FindCursor(ReadOnlySpan<byte> channel)
    {
        foreach (var cursor in Cursors)
        {
            if (channel.SequenceEqual(cursor.NameBytes))
            {
                return cursor;
            }
        }

        return null;
    }

    private async Task SendPongAsync()
    {
        try
        {
            await SendAsync(protocol.Pong, CancellationToken.None);
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or InvalidOperationException or IOException)
        {
            // The receive loop notices the broken connection.
        }
    }
}
