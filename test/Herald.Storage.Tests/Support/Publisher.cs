using System.Text.Json;

namespace Herald.Storage.Tests.Support;

/// <summary>
/// Publishes one event after another through its nodes (round robin) until stopped, and
/// records which were acknowledged (HTTP 200, with their offsets) and how the others failed.
/// </summary>
public sealed class Publisher : IAsyncDisposable
{
    private readonly IReadOnlyList<HeraldNode> _nodes;
    private readonly string _channel;
    private readonly string _name;
    private readonly TimeSpan _pause;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly List<long> _acknowledged = [];
    private readonly List<string> _failures = [];
    private Task? _loop;

    public Publisher(IReadOnlyList<HeraldNode> nodes, string channel, string name, TimeSpan? pause = null)
    {
        _nodes = nodes;
        _channel = channel;
        _name = name;
        _pause = pause ?? TimeSpan.FromMilliseconds(5);
    }

    public List<long> Acknowledged
    {
        get
        {
            lock (_lock)
            {
                return [.. _acknowledged];
            }
        }
    }

    public List<string> Failures
    {
        get
        {
            lock (_lock)
            {
                return [.. _failures];
            }
        }
    }

    /// <summary>Sequence numbers of this publisher's acknowledged events, in acknowledgement order.</summary>
    public List<int> Sequence { get; } = [];

    public Publisher Start()
    {
        _loop = Task.Run(RunAsync);
        return this;
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        for (var n = 1; !_stop.IsCancellationRequested; n++)
        {
            var node = _nodes[n % _nodes.Count];
            if (node.HasExited)
            {
                continue;
            }

            try
            {
                using var response = await node.PublishAsync(_channel, "tick", new { from = _name, n });
                var body = await response.Content.ReadAsStringAsync();
                lock (_lock)
                {
                    if (response.IsSuccessStatusCode)
                    {
                        _acknowledged.Add(JsonDocument.Parse(body).RootElement.GetProperty("offset").GetInt64());
                        Sequence.Add(n);
                    }
                    else
                    {
                        _failures.Add($"{(int)response.StatusCode} {body}");
                    }
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                lock (_lock)
                {
                    _failures.Add(ex.GetType().Name + ": " + ex.Message);
                }
            }

            // The publisher's pace (a steady load), not a wait for anything.
            try
            {
                await Task.Delay(_pause, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}
