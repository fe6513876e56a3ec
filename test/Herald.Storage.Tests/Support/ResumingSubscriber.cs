using System.Net.WebSockets;
using System.Text.Json;

namespace Herald.Storage.Tests.Support;

/// <summary>
/// A client as an application would write it: subscribed to one channel, and when its
/// connection drops it connects to the next live node and resumes with <c>since</c>. Records
/// every offset it receives, and every protocol surprise, for the test to judge at the end.
/// </summary>
public sealed class ResumingSubscriber : IAsyncDisposable
{
    private readonly IReadOnlyList<HeraldNode> _nodes;
    private readonly string _channel;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly List<long> _offsets = [];
    private readonly List<string> _problems = [];
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _loop;
    private string? _epoch;
    private long _start;
    private int _preferred;

    public ResumingSubscriber(IReadOnlyList<HeraldNode> nodes, string channel, int preferred = 0)
    {
        _nodes = nodes;
        _channel = channel;
        _preferred = preferred;
        _loop = Task.Run(RunAsync);
    }

    public Task Subscribed => _subscribed.Task;

    public int Reconnects { get; private set; }

    public List<long> Offsets
    {
        get
        {
            lock (_lock)
            {
                return [.. _offsets];
            }
        }
    }

    public List<string> Problems
    {
        get
        {
            lock (_lock)
            {
                return [.. _problems];
            }
        }
    }

    public long Last
    {
        get
        {
            lock (_lock)
            {
                return _offsets.Count == 0 ? _start : _offsets[^1];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var attempt = 0;
        while (!_stop.IsCancellationRequested)
        {
            var node = _nodes[(_preferred + attempt) % _nodes.Count];
            attempt++;
            if (node.HasExited)
            {
                continue;
            }

            try
            {
                await using var client = await node.ConnectAsync(Tokens.Reader);
                _preferred = _nodes.ToList().IndexOf(node);
                attempt = 0;
                await SubscribeAsync(client);
                await ReceiveAsync(client);
            }
            catch (Exception ex) when (ex is WebSocketException or InvalidOperationException or HttpRequestException or TimeoutException or IOException)
            {
                // The node went away (or never answered): the next one is tried.
            }

            if (!_stop.IsCancellationRequested)
            {
                Reconnects++;

                // A client's pause between reconnects, so a node that is down is not hammered.
                await Task.Delay(50).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task SubscribeAsync(TestClient client)
    {
        object since = _epoch is null ? null! : new { epoch = _epoch, offset = Last };
        await client.SendAsync(_epoch is null
            ? new { type = "subscribe", id = 1, channel = _channel }
            : new { type = "subscribe", id = 1, channel = _channel, since });
        var reply = await client.NextAsync();
        if (reply.Type() != "subscribed")
        {
            throw new InvalidOperationException("subscribe failed: " + reply.GetRawText());
        }

        if (_epoch is not null && (!reply.TryGetProperty("recovered", out var recovered) || !recovered.GetBoolean()))
        {
            Problem("resume was not recovered: " + reply.GetRawText());
        }

        if (_epoch is not null && reply.Str("epoch") != _epoch)
        {
            Problem("the epoch changed: " + reply.GetRawText());
        }

        if (_epoch is null)
        {
            _start = reply.Long("offset");
        }

        _epoch = reply.Str("epoch");
        _subscribed.TrySetResult();
    }

    private async Task ReceiveAsync(TestClient client)
    {
        while (!_stop.IsCancellationRequested)
        {
            JsonElement message;
            try
            {
                message = await client.NextAsync(TimeSpan.FromMilliseconds(500));
            }
            catch (TimeoutException)
            {
                continue;
            }

            if (message.Type() != "event")
            {
                continue;
            }

            var offset = message.Long("offset");
            lock (_lock)
            {
                var expected = (_offsets.Count == 0 ? _start : _offsets[^1]) + 1;
                if (offset != expected)
                {
                    _problems.Add($"expected offset {expected}, got {offset}");
                }

                _offsets.Add(offset);
            }
        }
    }

    private void Problem(string text)
    {
        lock (_lock)
        {
            _problems.Add(text);
        }
    }
}
