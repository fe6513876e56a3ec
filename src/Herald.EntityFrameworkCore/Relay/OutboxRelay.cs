using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.EntityFrameworkCore.Relay;

/// <summary>
/// Moves one context's outbox rows to Herald's log: reads pending rows in id (= commit) order,
/// publishes them as one batch with each row's idempotency key, then marks them done. A crash
/// anywhere in between leaves them pending, and the retry after restart publishes nothing twice:
/// Herald answers a known idempotency key with the first result. On failure it backs off and
/// retries; it never gives up on a row Herald could still accept.
/// </summary>
internal sealed partial class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    OutboxBatchPublisher publisher,
    OutboxSignal signal,
    IOptionsMonitor<HeraldOutboxRelayOptions> options,
    TimeProvider time,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan CleanupInterval = TimeSpan.FromMinutes(10);
    private static readonly string Name = typeof(TContext).Name;

    private readonly HeraldOutboxRelayOptions _options = options.Get(typeof(TContext).FullName);
    private DateTimeOffset _nextCleanup;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            bool more;
            try
            {
                more = await RelayOnceAsync(stoppingToken);
                if (failures > 0)
                {
                    Log.RelayRecovered(logger, Name);
                }

                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                var delay = RetryDelay(failures);
                Log.RelayFailed(logger, Name, delay, ex);
                if (!await PauseAsync(delay, stoppingToken))
                {
                    return;
                }

                continue;
            }

            // More may be waiting (a full batch, or rows behind a refused one): go again at once.
            // Otherwise wait for a commit's wake-up, or the poll.
            if (!more && !await WaitForWorkAsync(stoppingToken))
            {
                return;
            }
        }
    }

    /// <summary>One pass: relays up to a batch of pending rows; true when rows may still be pending.</summary>
    internal async Task<bool> RelayOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var outbox = db.Set<HeraldOutboxMessage>();
        var rows = await outbox.AsNoTracking()
            .Where(m => m.ProcessedAt == null)
            .OrderBy(m => m.Id)
            .Take(_options.BatchSize)
            .ToListAsync(cancellationToken);
        long? handledUpTo = null;
        if (rows.Count > 0)
        {
            var outcome = await publisher.PublishAsync(rows, cancellationToken);
            handledUpTo = outcome.Rejected?.Row.Id ?? outcome.Published[^1].Id;
            var now = time.GetUtcNow().UtcDateTime;
            var done = outcome.Published.Select(m => m.Id).ToList();
            if (done.Count > 0)
            {
                await outbox.Where(m => done.Contains(m.Id)).ExecuteUpdateAsync(s => s.SetProperty(m => m.ProcessedAt, now), cancellationToken);
                Log.Relayed(logger, done.Count, Name);
            }

            if (outcome.Rejected is { } rejected)
            {
                Log.EventRejected(logger, rejected.Row.Id, rejected.Row.Event, rejected.Row.Channel, rejected.Code, rejected.Reason);
                var error = $"{rejected.Code}: {rejected.Reason}";
                await outbox.Where(m => m.Id == rejected.Row.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.ProcessedAt, now).SetProperty(m => m.Error, error), cancellationToken);
            }
        }

        await CleanupAsync(outbox, cancellationToken);
        return rows.Count == _options.BatchSize || (rows.Count > 0 && rows[^1].Id != handledUpTo);
    }

    private async Task CleanupAsync(DbSet<HeraldOutboxMessage> outbox, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_options.ProcessedRetention is not { } retention || now < _nextCleanup)
        {
            return;
        }

        _nextCleanup = now + CleanupInterval;
        var cutoff = (now - retention).UtcDateTime;
        await outbox.Where(m => m.ProcessedAt != null && m.ProcessedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<bool> WaitForWorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await signal.WaitAsync(typeof(TContext), _options.PollInterval, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<bool> PauseAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, time, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private TimeSpan RetryDelay(int failures)
    {
        var delay = FirstRetryDelay * Math.Pow(2, Math.Min(failures - 1, 16));
        return delay < _options.MaxRetryDelay ? delay : _options.MaxRetryDelay;
    }
}
