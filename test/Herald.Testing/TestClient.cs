using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Herald.Testing;

/// <summary>
/// An independent protocol client on a real <see cref="ClientWebSocket"/>: splits coalesced frames
/// on '\n', counts frames and messages, and can stop reading to play a slow consumer.
/// </summary>
public sealed class TestClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _socket;
    private readonly Channel<JsonElement> _messages = Channel.CreateUnbounded<JsonElement>();
    private readonly TaskCompletionSource<(int Code, string Reason)> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _readGate = new(1, 1);
    private readonly Task _reader;
    private int _frames;
    private int _messageCount;

    private TestClient(ClientWebSocket socket)
    {
        _socket = socket;
        _reader = Task.Run(ReadLoopAsync);
    }

    public int Frames => Volatile.Read(ref _frames);

    public int Messages => Volatile.Read(ref _messageCount);

    public Task<(int Code, string Reason)> Closed => _closed.Task;

    public static async Task<TestClient> ConnectAsync(Uri uri, Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        configure?.Invoke(socket.Options);
        await socket.ConnectAsync(uri, CancellationToken.None);
        return new TestClient(socket);
    }

    /// <summary>The next message, skipping the server's heartbeat pings unless asked for them.</summary>
    public async Task<JsonElement> NextAsync(TimeSpan? timeout = null, bool includePings = false)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (true)
        {
            JsonElement message;
            try
            {
                message = await _messages.Reader.ReadAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No message within {timeout ?? DefaultTimeout}.");
            }
            catch (ChannelClosedException)
            {
                var closed = _closed.Task.IsCompleted ? _closed.Task.Result : default;
                throw new InvalidOperationException($"The connection closed ({closed.Code} {closed.Reason}) before another message arrived.");
            }

            if (includePings || message.Type() != "ping")
            {
                return message;
            }
        }
    }

    public async Task<JsonElement> NextOfTypeAsync(string type, TimeSpan? timeout = null)
    {
        var message = await NextAsync(timeout, includePings: type == "ping");
        message.Type().ShouldBe(type, message.GetRawText());
        return message;
    }

    /// <summary>Messages of <paramref name="type"/> until <paramref name="count"/> arrived; others are skipped.</summary>
    public async Task<List<JsonElement>> CollectAsync(string type, int count, TimeSpan? timeout = null)
    {
        var collected = new List<JsonElement>();
        while (collected.Count < count)
        {
            var message = await NextAsync(timeout);
            if (message.Type() == type)
            {
                collected.Add(message);
            }
        }

        return collected;
    }

    /// <summary>True when nothing but pings arrives within <paramref name="window"/>.</summary>
    public async Task<bool> StaysQuietAsync(TimeSpan window)
    {
        try
        {
            var message = await NextAsync(window);
            return false;
        }
        catch (TimeoutException)
        {
            return true;
        }
    }

    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    public Task SendTextAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task SendBinaryAsync(byte[] bytes) =>
        _socket.SendAsync(bytes, WebSocketMessageType.Binary, true, CancellationToken.None);

    public async Task<(int Code, string Reason)> WaitClosedAsync(TimeSpan? timeout = null) =>
        await _closed.Task.WaitAsync(timeout ?? DefaultTimeout);

    /// <summary>Stops reading from the socket, so the server's writes back up (a slow consumer).</summary>
    public Task PauseReadingAsync() => _readGate.WaitAsync();

    public void ResumeReading() => _readGate.Release();

    /// <summary>Starts a normal close and waits for the server's answer (the read loop receives it).</summary>
    public async Task CloseAsync()
    {
        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        await WaitClosedAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        try
        {
            await _reader.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception)
        {
            // The reader ends with the socket; how is not this test's concern.
        }
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[1 << 16];
        var frame = new MemoryStream();
        try
        {
            while (true)
            {
                await _readGate.WaitAsync();
                WebSocketReceiveResult result;
                try
                {
                    result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                }
                finally
                {
                    _readGate.Release();
                }

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    _closed.TrySetResult(((int)(_socket.CloseStatus ?? 0), _socket.CloseStatusDescription ?? ""));
                    if (_socket.State == WebSocketState.CloseReceived)
                    {
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    }

                    break;
                }

                frame.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                Interlocked.Increment(ref _frames);
                foreach (var line in Encoding.UTF8.GetString(frame.GetBuffer(), 0, (int)frame.Length).Split('\n'))
                {
                    using var document = JsonDocument.Parse(line);
                    Interlocked.Increment(ref _messageCount);
                    _messages.Writer.TryWrite(document.RootElement.Clone());
                }

                frame.SetLength(0);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            _closed.TrySetResult((1006, ex.Message));
        }
        finally
        {
            _messages.Writer.TryComplete();
        }
    }
}
