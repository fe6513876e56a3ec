using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Herald.Storage.Redis;

/// <summary>
/// One Redis instance: a multiplexer (one interactive and one subscriber connection) that
/// reconnects by itself after a reset. A connection that went silent without a reset fails no
/// read, so whoever finds it silent (a probe past its deadline) calls <see cref="Replace"/>: a
/// fresh multiplexer takes over and <see cref="Generation"/> moves, so the bus subscribes anew.
/// </summary>
public sealed partial class RedisShard : IAsyncDisposable
{
    private readonly ConfigurationOptions _configuration;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private Task<ConnectionMultiplexer>? _current;
    private int _generation;
    private bool _disposed;

    internal RedisShard(int index, ConfigurationOptions configuration, ILogger logger)
    {
        Index = index;
        _configuration = configuration;
        _logger = logger;
        Endpoint = string.Join(",", configuration.EndPoints.Select(e => e.ToString()));
    }

    /// <summary>The instance's place in <see cref="RedisOptions.Instances"/>.</summary>
    public int Index { get; }

    /// <summary>Moves each time the multiplexer is replaced; a subscription made on an older one is gone.</summary>
    public int Generation => Volatile.Read(ref _generation);

    /// <summary>The instance's host and port, for logs (never the password).</summary>
    public string Endpoint { get; }

    /// <summary>The current multiplexer; connects on first use. Commands fail fast while the instance is down.</summary>
    public async ValueTask<IConnectionMultiplexer> ConnectAsync(CancellationToken cancellationToken)
    {
        Task<ConnectionMultiplexer> current;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            current = _current ??= Open();
        }

        try
        {
            return await current.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (current.IsFaulted)
        {
            // A first connect that failed outright is retried by the next caller.
            lock (_lock)
            {
                if (ReferenceEquals(_current, current))
                {
                    _current = null;
                }
            }

            throw;
        }
    }

    public async ValueTask<IDatabase> DatabaseAsync(CancellationToken cancellationToken) =>
        (await ConnectAsync(cancellationToken).ConfigureAwait(false)).GetDatabase();

    /// <summary>
    /// Gives up <paramref name="silent"/> (if it is still the current one) for a fresh multiplexer.
    /// The old one is closed without waiting: its commands wait on a connection that never answers.
    /// </summary>
    public void Replace(IConnectionMultiplexer silent)
    {
        Task<ConnectionMultiplexer>? old;
        lock (_lock)
        {
            if (_disposed || _current is not { IsCompletedSuccessfully: true } current || !ReferenceEquals(current.Result, silent))
            {
                return;
            }

            old = _current;
            _current = Open();
            Interlocked.Increment(ref _generation);
        }

        Log.Replaced(_logger, Endpoint);
        _ = Task.Run(() => CloseAsync(old));
    }

    public async ValueTask DisposeAsync()
    {
        Task<ConnectionMultiplexer>? current;
        lock (_lock)
        {
            _disposed = true;
            current = _current;
            _current = null;
        }

        await CloseAsync(current).ConfigureAwait(false);
    }

    private Task<ConnectionMultiplexer> Open()
    {
        var multiplexer = ConnectionMultiplexer.ConnectAsync(_configuration.Clone());
        _ = multiplexer.ContinueWith(
            t =>
            {
                t.Result.ConnectionFailed += (_, e) => Log.ConnectionLost(_logger, Endpoint, e.ConnectionType, e.FailureType);
                t.Result.ConnectionRestored += (_, e) => Log.ConnectionBack(_logger, Endpoint, e.ConnectionType);
            },
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return multiplexer;
    }

    private static async Task CloseAsync(Task<ConnectionMultiplexer>? multiplexer)
    {
        if (multiplexer is null)
        {
            return;
        }

        try
        {
            var connection = await multiplexer.ConfigureAwait(false);
            await connection.CloseAsync(allowCommandsToComplete: false).ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException or InvalidOperationException or TimeoutException)
        {
            // It was dead already; nothing more to release.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.RedisConnectionLost, Level = LogLevel.Warning, EventName = "RedisConnectionLost", Message = "The {ConnectionType} connection to Redis {Endpoint} is down ({Failure}); it reconnects by itself.")]
        public static partial void ConnectionLost(ILogger logger, string endpoint, ConnectionType connectionType, ConnectionFailureType failure);

        [LoggerMessage(EventId = EventIds.RedisConnectionBack, Level = LogLevel.Information, EventName = "RedisConnectionBack", Message = "The {ConnectionType} connection to Redis {Endpoint} is back.")]
        public static partial void ConnectionBack(ILogger logger, string endpoint, ConnectionType connectionType);

        [LoggerMessage(EventId = EventIds.RedisStalled, Level = LogLevel.Warning, EventName = "RedisStalled", Message = "Redis {Endpoint} stopped answering without closing the connection; connecting afresh.")]
        public static partial void Replaced(ILogger logger, string endpoint);
    }
}
