using Microsoft.Extensions.Hosting;

namespace Herald.Sessions;

/// <summary>One timer for all sessions, instead of one per connection.</summary>
internal sealed class HeartbeatMonitor(SessionRegistry registry, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var now = time.GetTimestamp();
                var utcNow = time.GetUtcNow();
                foreach (var session in registry.All)
                {
                    session.Tick(now, utcNow);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
