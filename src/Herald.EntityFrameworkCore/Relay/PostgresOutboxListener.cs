using Herald.EntityFrameworkCore.Capture;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Herald.EntityFrameworkCore.Relay;

/// <summary>
/// On PostgreSQL, wakes the relay on the NOTIFY every outbox insert sends at commit, from any
/// process writing to the database, so rows written elsewhere go out at once rather than at the
/// next poll. Does nothing on other databases. Reconnects with backoff; the poll covers the gaps.
/// </summary>
internal sealed partial class PostgresOutboxListener<TContext>(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    TimeProvider time,
    ILogger<PostgresOutboxListener<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the host's start path: the context is resolved and its model built here.
        await Task.Yield();
        var (connectionString, channel) = Describe();
        if (connectionString is null)
        {
            return;
        }

        var delay = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                connection.Notification += (_, _) => signal.Wake(typeof(TContext));
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN \"{channel}\"", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Rows committed while nobody listened: one wake-up, and the relay reads them.
                signal.Wake(typeof(TContext));
                delay = TimeSpan.FromMilliseconds(200);
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                Log.ListenFailed(logger, typeof(TContext).Name, delay, ex);
                try
                {
                    await Task.Delay(delay, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = delay * 2 < MaxDelay ? delay * 2 : MaxDelay;
            }
        }
    }

    private (string? ConnectionString, string Channel) Describe()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        if (!OutboxDialect.IsPostgres(db.Database.ProviderName))
        {
            return (null, "");
        }

        var table = db.Model.FindEntityType(typeof(HeraldOutboxMessage))?.GetTableName() ?? "herald_outbox";
        return (db.Database.GetConnectionString(), OutboxDialect.NotifyChannel(table));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.ListenFailed, Level = LogLevel.Warning, EventName = "ListenFailed", Message = "Listening for the outbox of {Context} failed; the relay polls meanwhile. Retrying in {Delay}.")]
        public static partial void ListenFailed(ILogger logger, string context, TimeSpan delay, Exception exception);
    }
}
