using System.Threading.Channels;
using Herald.Bus;
using Herald.Log;
using Microsoft.Extensions.Logging;

namespace Herald.Storage.Postgres.Bus;

/// <summary>
/// The many-node bus. Every node, the publishing one included, learns of committed events
/// only from LISTEN/NOTIFY and reads them back from <c>herald_events</c>; <see cref="PublishAsync"/>
/// does nothing. One ordered path per node is what keeps each channel's events in offset
/// order with no gap, however local and remote publishes interleave. When the LISTEN
/// connection comes back after an outage, the bus reads back everything committed meanwhile.
/// </summary>
internal sealed partial class PostgresEventBus : IEventBus, IAsyncDisposable
{
    private readonly Channel<string?> _signals = Channel.CreateUnbounded<string?>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<LogEntry> _feed = Channel.CreateUnbounded<LogEntry>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly PostgresDatabase _database;
    private readonly BackfillReader _backfill;
    private readonly TimeProvider _time;
    private readonly ILogger<PostgresEventBus> _logger;
    private readonly Lock _startLock = new();
    private Task? _listener;
    private Task? _processor;
    private volatile bool _listening;

    public PostgresEventBus(PostgresDatabase database, ChannelCursors cursors, TimeProvider time, ILogger<PostgresEventBus> logger)
    {
        _database = database;
        _time = time;
        _logger = logger;
        _backfill = new BackfillReader(database, cursors, logger);
    }

    /// <summary>Nothing to do: this node's own events arrive through LISTEN like everyone else's.</summary>
    public ValueTask PublishAsync(IReadOnlyList<LogEntry> committed, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public IAsyncEnumerable<LogEntry> ReadAllAsync(CancellationToken cancellationToken)
    {
        Start();
        return _feed.Reader.ReadAllAsync(cancellationToken);
    }

    /// <summary>Ready only while the LISTEN connection is up: without it this node would deliver nothing.</summary>
    public ValueTask<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        Start();
        return ValueTask.FromResult(_listening);
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

    private async Task ListenAsync(CancellationToken stop)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        var lost = false;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await _database.MigrateAsync(stop).ConfigureAwait(false);
                await using var connection = await _database.ListenDataSource.OpenConnectionAsync(stop).ConfigureAwait(false);
                connection.Notification += (_, e) => _signals.Writer.TryWrite(e.Payload);
                await using (var listen = connection.CreateCommand())
                {
                    listen.CommandText = "LISTEN " + PostgresSchema.Notifications;
                    await listen.ExecuteNonQueryAsync(stop).ConfigureAwait(false);
                }

                // Anything committed before LISTEN took effect is found by this catch-up (null),
                // anything after it is announced; overlaps are dropped by the cursors.
                _signals.Writer.TryWrite(null);
                if (lost)
                {
                    _database.ResetPool();
                    Log.Reconnected(_logger);
                }

                _listening = true;
                lost = false;
                backoff = TimeSpan.FromMilliseconds(100);
                while (true)
                {
                    await connection.WaitAsync(stop).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                if (!lost)
                {
                    Log.ListenLost(_logger, ex.Message);
                }

                _listening = false;
                lost = true;
                await Delay(backoff, stop).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            }
        }

        _listening = false;
    }

    private async Task ProcessAsync(CancellationToken stop)
    {
        var reader = _signals.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stop).ConfigureAwait(false))
            {
                var ranges = new Dictionary<string, (long First, long Last)>(StringComparer.Ordinal);
                var catchUp = false;
                while (reader.TryRead(out var payload))
                {
                    if (payload is null)
                    {
                        catchUp = true;
                        continue;
                    }

                    foreach (var (channel, first, last) in Announcement.Decode(payload))
                    {
                        ranges[channel] = ranges.TryGetValue(channel, out var r) ? (Math.Min(r.First, first), Math.Max(r.Last, last)) : (first, last);
                    }
                }

                // Until the database answers, keep the ranges: nothing announced may be skipped.
                var backoff = TimeSpan.FromMilliseconds(100);
                while (true)
                {
                    try
                    {
                        await _backfill.DeliverAsync(ranges, catchUp, _feed.Writer, stop).ConfigureAwait(false);
                        break;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        Log.ReadBackFailed(_logger, ex.Message);
                        await Delay(backoff, stop).ConfigureAwait(false);
                        backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
                    }
                }
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

    private Task Delay(TimeSpan delay, CancellationToken stop) => Task.Delay(delay, _time, stop);

    private static partial class Log
    {
        [LoggerMessage(EventId = 620, Level = LogLevel.Warning, EventName = "PostgresListenLost", Message = "The LISTEN connection to PostgreSQL is down ({Reason}); this node is not ready and retries.")]
        public static partial void ListenLost(ILogger logger, string reason);

        [LoggerMessage(EventId = 621, Level = LogLevel.Information, EventName = "PostgresListenBack", Message = "The LISTEN connection to PostgreSQL is back; reading back what was committed meanwhile.")]
        public static partial void Reconnected(ILogger logger);

        [LoggerMessage(EventId = 622, Level = LogLevel.Warning, EventName = "PostgresReadBackFailed", Message = "Reading announced events back from PostgreSQL failed ({Reason}); retrying.")]
        public static partial void ReadBackFailed(ILogger logger, string reason);
    }
}
