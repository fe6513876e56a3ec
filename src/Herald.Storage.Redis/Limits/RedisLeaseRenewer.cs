using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Herald.Storage.Redis.Limits;

/// <summary>Keeps this node's connection leases alive in Redis, every heartbeat interval (well inside their lifetime, the node timeout).</summary>
internal sealed class RedisLeaseRenewer(RedisLimiter limiter, RedisConnections redis, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(redis.Options.HeartbeatInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await limiter.RenewAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    // The limiter reports the outage on its next use; leases renew on the next tick.
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
