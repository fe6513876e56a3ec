using System.Threading.Channels;
using Herald.Bus;
using Herald.Log;
using Microsoft.Extensions.Logging;

namespace Herald.Storage.Redis.Bus;

/// <summary>
/// The many-node bus. Every node, the publishing one included, learns of committed events only
/// from each instance's notifications and reads them back from the log; <see cref="PublishAsync"/>
/// does nothing. One ordered path per node is what keeps each channel's events in offset order
/// with no gap, however local and remote publishes interleave. After its subscriber connection
/// to an instance was down, replaced or restarted, the bus reads back everything that moved meanwhile.
/// </summary>
internal sealed partial class RedisEventBus : IEventBus, IAsyncDisposable
{
    private readonly Channel<Signal> _signals = Channel.CreateUnbounded<Signal>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<LogEntry> _feed = Channel.CreateUnbounded<LogEntry>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly RedisConnections _connections;
    private readonly DeliveryCursors _cursors;
    private readonly ReadBack _readBack;
    private readonly BusHealth _health;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisEventBus> _logger;
    private readonly Lock _startLock = new();
    private Task[]? _tasks;

    public RedisEventBus(RedisConnections connections, DeliveryCursors cursors, TimeProvider time, ILogger<RedisEventBus> logger)
    {
        _connections = connections;
        _cursors = cursors;
        _time = time;
        _logger = logger;
        _readBack = new ReadBack(connections, cursors);
        _health = new BusHealth(connections.Shards.Count, time, connections.Options.ProbeTimeout);
    }

    /// <summary>Nothing to do: this node's own events arrive through the notifications like everyone else's.</summary>
    public ValueTask PublishAsync(IReadOnlyList<LogEntry> committed, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public IAsyncEnumerable<LogEntry> ReadAllAsync(CancellationToken cancellationToken)
    {
        Start();
        return _feed.Reader.ReadAllAsync(cancellationToken);
    }

    /// <summary>From memory, never a command: ready only while every instance's subscriber connection answers and read-backs succeed in time.</summary>
    public ValueTask<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        Start();
        return ValueTask.FromResult(_health.IsHealthy);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var task in _tasks ?? [])
        {
            await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stop.Dispose();
    }

    private void Start()
    {
        lock (_startLock)
        {
            _tasks ??= [Task.Run(() => ProcessAsync(_stop.Token)), .. _connections.Shards.Select(shard => Task.Run(() => ListenAsync(shard, _stop.Token)))];
        }
    }

    private async Task ProcessAsync(CancellationToken stop)
    {
        var reader = _signals.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stop).ConfigureAwait(false))
            {
                var ranges = new Dictionary<string, (long First, long Last)>(StringComparer.Ordinal);
                var catchUp = new HashSet<int>();
                while (reader.TryRead(out var signal))
                {
                    if (signal.Payload is null)
                    {
                        catchUp.Add(signal.Shard);
                    }
                    else
                    {
                        Announcements.AddTo(ranges, signal.Payload);
                    }
                }

                Deliver(await ReadBackAsync(ranges, catchUp, stop).ConfigureAwait(false));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            _feed.Writer.TryComplete();
        }
    }

    /// <summary>Until the instances answer, keep the ranges: nothing announced may be skipped.</summary>
    private async Task<List<LogEntry>> ReadBackAsync(Dictionary<string, (long First, long Last)> ranges, HashSet<int> catchUp, CancellationToken stop)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            _health.ReadBackStarted();
            try
            {
                var entries = await _readBack.ReadAsync(ranges, catchUp, stop).WaitAsync(_connections.Options.ProbeTimeout, _time, stop).ConfigureAwait(false);
                _health.ReadBackEnded(succeeded: true);
                return entries;
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                _health.ReadBackEnded(succeeded: false);
                Log.ReadBackFailed(_logger, ex.Message);
                await Task.Delay(backoff, _time, stop).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            }
        }
    }

    /// <summary>Per channel in offset order after its cursor; a read-back that skips offsets means they were trimmed first.</summary>
    private void Deliver(List<LogEntry> entries)
    {
        foreach (var entry in entries)
        {
            var expected = (_cursors.Get(entry.Channel) ?? entry.Offset - 1) + 1;
            if (entry.Offset < expected)
            {
                continue;
            }

            if (entry.Offset > expected)
            {
                Log.Gap(_logger, entry.Channel, expected, entry.Offset - 1);
            }

            _cursors.Advance(entry.Channel, entry.Offset);
            _feed.Writer.TryWrite(entry);
        }
    }

    /// <summary>An instance's notification, or (no payload) a request to read back whatever moved on it.</summary>
    private readonly record struct Signal(int Shard, string? Payload);
}
