using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;
using Herald.LoadGen.Metrics;
using Herald.LoadGen.Net;
using Herald.LoadGen.Protocols;

namespace Herald.LoadGen.Clients;

/// <summary>
/// One WebSocket subscriber. Its receive loop splits frames into messages, checks every event's offset against
/// its cursors and records latency from the timestamp in the payload; subscribe replies are applied to the
/// cursors inside the same loop so they are ordered with the events that follow them.
/// </summary>
internal sealed class SubscriberClient(int index, WireProtocol protocol, LoopbackSources sources, DeliveryStats stats, string[] channels, int receiveBufferSize)
    : IMessageHandler
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);
    private readonly Uri _uri = protocol.SocketUri(index);
    private RawWebSocket? _socket;
    private Task _receiveLoop = Task.CompletedTask;
    private TaskCompletionSource<ControlMessage>? _pending;
    private ChannelCursor? _pendingCursor;
    private int _nextId;
    private volatile bool _open;
    private volatile bool _established;
    private long _frameTimestamp;
    private int _frameEvents;

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
        var socket = await RawWebSocket.ConnectAsync(_uri, sources.CreateSocket(), receiveBufferSize, ct);
        _socket = socket;
        try
        {
            var greeting = protocol.AwaitsGreeting ? Expect(null) : null;
            _open = true;
            _receiveLoop = ReceiveLoopAsync(socket);
            if (protocol.HandshakeRequest is { } handshake)
            {
                await socket.SendTextAsync(handshake, ct);
            }

            if (greeting is not null && (await greeting.Task.WaitAsync(ReplyTimeout, ct)).Kind != ControlKind.Greeting)
            {
                throw new InvalidOperationException($"handshake refused: {greeting.Task.Result.Error}");
            }

            foreach (var cursor in Cursors)
            {
                var since = resume && protocol.SupportsResume ? cursor.ResumeFrom() : null;
                var reply = Expect(cursor);
                await socket.SendTextAsync(protocol.Subscribe(cursor.Name, ++_nextId, since), ct);
                var answer = await reply.Task.WaitAsync(ReplyTimeout, ct);
                if (answer.Kind != ControlKind.Subscribed)
                {
                    throw new InvalidOperationException($"subscribe {cursor.Name} refused: {answer.Error}");
                }
            }

            _established = true;
        }
        catch
        {
            socket.Abort();
            await _receiveLoop;
            throw;
        }
    }

    /// <summary>Drops the connection at once, as a network failure would.</summary>
    public void Abort() => _socket?.Abort();

    public async Task StopAsync()
    {
        Abort();
        await _receiveLoop;
    }

    void IMessageHandler.OnMessage(ReadOnlySpan<byte> frame)
    {
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
                        if (_frameTimestamp == 0)
                        {
                            _frameTimestamp = Stopwatch.GetTimestamp();
                        }

                        FindCursor(channel)?.Observe(offset);
                        stats.RecordLatency(timestamp, _frameTimestamp);
                        _frameEvents++;
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
    }

    private TaskCompletionSource<ControlMessage> Expect(ChannelCursor? cursor)
    {
        var pending = new TaskCompletionSource<ControlMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pendingCursor = cursor;
        _pending = pending;
        return pending;
    }

    private async Task ReceiveLoopAsync(RawWebSocket socket)
    {
        // Yield first so ConnectAsync goes on to send while this loop waits for the server.
        await Task.Yield();
        try
        {
            while (true)
            {
                // Everything one receive returned arrived at the same moment: one timestamp (taken at its first
                // message, once the bytes are here), one counter update.
                _frameTimestamp = 0;
                _frameEvents = 0;
                var more = await socket.ReceiveAsync(this);
                if (_frameEvents > 0)
                {
                    stats.AddFrame(_frameEvents);
                }

                if (!more)
                {
                    LastCloseReason = socket.CloseReason;
                    break;
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            LastCloseReason ??= e is SocketException se ? se.SocketErrorCode.ToString() : e.GetType().Name;
        }
        finally
        {
            _open = false;
            Disconnects++;
            _pending?.TrySetException(new IOException($"connection ended: {LastCloseReason}"));
            socket.Dispose();
            // Only a connection that was fully set up is announced; a failed attempt was never counted as open.
            if (_established)
            {
                _established = false;
                Disconnected?.Invoke(this);
            }
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
            case ControlKind.Greeting when _pendingCursor is null:
                _pending?.TrySetResult(control);
                break;
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
            await (_socket?.SendTextAsync(protocol.Pong, CancellationToken.None) ?? Task.CompletedTask);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            // The receive loop notices the broken connection.
        }
    }
}
