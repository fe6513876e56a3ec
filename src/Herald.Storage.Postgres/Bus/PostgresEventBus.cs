using System.Threading.Channels;
using Herald.Bus;
using Herald.Log;
using Microsoft.Extensions.Logging;

namespace Herald.Storage.Postgres.Bus;

/// <summary>
/// The many-node bus. Every node, the publishing one included, learns of committed events
/// only from LISTEN/NOTIFY, which carries the events themselves when they fit the payload;
/// <see cref="PublishAsync"/> does nothing. What did not fit, and whatever a gap shows was
/// missed, is read back from <c>herald_events</c>. One ordered path per node is what keeps
/// each channel's events in offset order with no gap, however local and remote publishes
/// interleave. When the LISTEN connection comes back after an outage, the bus reads back
/// everything committed meanwhile.
/// </summary>
internal sealed partial class PostgresEventBus : IEventBus, IAsyncDisposable
{
    private readonly Channel<string?> _signals = Channel.CreateUnbounded<string?>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<LogEntry> _feed = Channel.CreateUnbounded<LogEntry>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly PostgresDatabase _database;
    private readonly BackfillReader _backfill;
    private readonly BusHealth _health;
    private readonly TimeProvider _time;
    private readonly ILogger<PostgresEventBus> _logger;
    private readonly Lock _startLock = new();
    private Task? _listener;
    private Task? _processor;

    public PostgresEventBus(PostgresDatabase database, ChannelCursors cursors, TimeProvider time, ILogger<PostgresEventBus> logger)
    {
        _database = database;
        _time = time;
        _logger = logger;
        _backfill = new BackfillReader(database, cursors, logger);
        _health = new BusHealth(time, database.Options.ProbeTimeout);
    }

    /// <summary>Nothing to do: this node's own events arrive through LISTEN like everyone else's.</summary>
    public ValueTask PublishAsync(IReadOnlyList<LogEntry> committed, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>How many times this node has read events back from <c>herald_events</c> (for tests and diagnostics).</summary>
    internal long ReadBacks => _backfill.ReadBacks;

    public IAsyncEnumerable<LogEntry> ReadAllAsync(CancellationToken cancellationToken)
    {
        Start();
        return _feed.Reader.ReadAllAsync(cancellationToken);
    }

    /// <summary>
    /// From memory, never a query: ready only while the LISTEN connection answers its probes and
    /// read-backs succeed in time. Without both this node would deliver nothing.
    /// </summary>
    public ValueTask<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        Start();
        return ValueTask.FromResult(_health.IsHealthy);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var task in new[] { _listener, _processor })
        {
            if (task is not null)
            {
                await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        _stop.Dispose();
    }

    private void Start()
    {
        lock (_startLock)
        {
            if (_listener is null)
            {
                _listener = Task.Run(() => ListenAsync(_stop.Token));
                _processor = Task.Run(() => ProcessAsync(_stop.Token));
            }
        }
    }

    private async Task ProcessAsync(CancellationToken stop)
    {
        var reader = _signals.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stop).ConfigureAwait(false))
            {
                var announced = new List<Announced>();
                var catchUp = false;
                while (reader.TryRead(out var payload))
                {
                    // null: the LISTEN connection (re)started, and what was committed meanwhile is unknown.
                    if (payload is null)
                    {
                        catchUp = true;
                    }
                    else if (!AnnouncementReader.TryDecode(payload, announced))
                    {
                        // It names no channel this node can trust: look at every channel it knows instead.
                        Log.Unreadable(_logger, payload.Length);
                        catchUp = true;
                    }
                }

                // Carried events go straight to the hub; only what did not fit or follows a gap is read back.
                var ranges = _backfill.DeliverCarried(announced, _feed.Writer);
                if (ranges.Count == 0 && !catchUp)
                {
                    continue;
                }

                await ReadBackAsync(ranges, catchUp, stop).ConfigureAwait(false);
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

    /// <summary>Until the database answers, keep the ranges: nothing announced may be skipped.</summary>
    private async Task ReadBackAsync(Dictionary<string, (long First, long Last)> ranges, bool catchUp, CancellationToken stop)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            var attempt = new ReadBackAttempt();
            _health.ReadBackStarted();
            try
            {
                await _backfill.DeliverAsync(ranges, catchUp, _feed.Writer, attempt, stop)
                    .WaitAsync(_database.Options.ProbeTimeout, _time, stop).ConfigureAwait(false);
                _health.ReadBackEnded(succeeded: true);
                return;
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                attempt.Abandon();
                _health.ReadBackEnded(succeeded: false);
                if (ex is TimeoutException)
                {
                    // The server went silent: the idle pooled connections are as dead as this one.
                    _database.ResetPool();
                }

                Log.ReadBackFailed(_logger, ex.Message);
                await Delay(backoff, stop).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            }
        }
    }

    private Task Delay(TimeSpan delay, CancellationToken stop) => Task.Delay(delay, _time, stop);
}
