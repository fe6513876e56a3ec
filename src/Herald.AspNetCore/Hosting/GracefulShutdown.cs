using Herald.Configuration;
using Herald.Protocol;
using Herald.Sessions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.AspNetCore.Hosting;

/// <summary>
/// On SIGTERM: the mounts stop accepting (they check ApplicationStopping), every connection is
/// told 1001 after its queued messages, and stop waits for them up to the drain timeout.
/// </summary>
internal sealed partial class GracefulShutdown(
    IHostApplicationLifetime lifetime,
    SessionRegistry sessions,
    IOptions<HeraldOptions> options,
    TimeProvider time,
    ILogger<GracefulShutdown> logger) : IHostedService
{
    private CancellationTokenRegistration _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = lifetime.ApplicationStopping.Register(() =>
        {
            Log.Draining(logger, sessions.Count);
            sessions.CloseAll(CloseCodes.GoingAway, "server shutting down", flush: true);
        });
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _registration.DisposeAsync();
        sessions.CloseAll(CloseCodes.GoingAway, "server shutting down", flush: true);
        var deadline = time.GetTimestamp();
        while (sessions.Count > 0 && time.GetElapsedTime(deadline) < options.Value.DrainTimeout && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), time, CancellationToken.None);
        }

        if (sessions.Count > 0)
        {
            Log.DrainTimedOut(logger, sessions.Count);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 400, Level = LogLevel.Information, EventName = "Draining", Message = "Shutting down: closing {Count} connections with 1001.")]
        public static partial void Draining(ILogger logger, int count);

        [LoggerMessage(EventId = 401, Level = LogLevel.Warning, EventName = "DrainTimedOut", Message = "The drain timeout passed with {Count} connections still open; they will be aborted.")]
        public static partial void DrainTimedOut(ILogger logger, int count);
    }
}
