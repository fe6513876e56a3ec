using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Herald.Client.Tests.Support;

/// <summary>One connection to a <see cref="ScriptedServer"/>: send lines, read the client's messages, close with a code.</summary>
public sealed class ScriptedConnection
{
    private readonly WebSocket _socket;
    private readonly Channel<JsonElement> _received = Channel.CreateUnbounded<JsonElement>();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _reader;
    private int _pongs;

    internal ScriptedConnection(WebSocket socket, string authorization, string apiKey)
    {
        _socket = socket;
        Authorization = authorization;
        ApiKey = apiKey;
        _reader = Task.Run(ReadLoopAsync);
    }

    public string Authorization { get; }

    public string ApiKey { get; }

    public int Pongs => Volatile.Read(ref _pongs);

    /// <summary>Sends one frame: one message, or several joined by '\n' as a coalescing server would.</summary>
    public Task SendAsync(params string[] messages) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(string.Join('\n', messages)), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task WelcomeAsync(int pingInterval = 25) =>
        SendAsync($$"""{"type":"welcome","protocol":1,"session":"s","node":"scripted","user":"u","ping_interval":{{pingInterval}}}""");

    /// <summary>The client's next message, skipping pongs.</summary>
    public async Task<JsonElement> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var message = await _received.Reader.ReadAsync(cts.Token);
            if (message.Type() != "pong")
            {
                return message;
            }
        }
    }

    /// <summary>Waits for the client's subscribe and answers it with <c>subscribed</c>.</summary>
    public async Task<JsonElement> AcceptSubscribeAsync(string epoch, long offset, bool? recovered = null)
    {
        var subscribe = await ReceiveAsync();
        subscribe.Type().ShouldBe("subscribe");
        var recoveredField = recovered is { } r ? $",\"recovered\":{(r ? "true" : "false")}" : "";
        await SendAsync($$"""{"type":"subscribed","id":{{subscribe.GetProperty("id").GetRawText()}},"channel":"{{subscribe.Str("channel")}}","epoch":"{{epoch}}","offset":{{offset}}{{recoveredField}}}""");
        return subscribe;
    }

    public static string Event(string channel, long offset, string name = "e", string data = "null") =>
        $$"""{"type":"event","channel":"{{channel}}","offset":{{offset}},"event":"{{name}}","data":{{data}},"ts":"2026-11-22T10:00:00.000Z"}""";

    public async Task CloseAsync(int code, string reason = "")
    {
        try
        {
            await _socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }
    }

    /// <summary>Keeps the connection until the client leaves.</summary>
    public Task StayOpenAsync() => _closed.Task;

    internal void Abort() => _socket.Abort();

    internal async Task FinishAsync()
    {
        await _reader.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _socket.Abort();
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                using var document = JsonDocument.Parse(buffer.AsMemory(0, result.Count));
                if (document.RootElement.Type() == "pong")
                {
                    Interlocked.Increment(ref _pongs);
                }

                _received.Writer.TryWrite(document.RootElement.Clone());
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            _received.Writer.TryComplete();
            _closed.TrySetResult();
        }
    }
}
