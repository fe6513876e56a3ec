using Herald.Configuration;
using Herald.Diagnostics;
using Herald.Protocol;
using Herald.Sessions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.AspNetCore.Hosting;

/// <summary>
/// On SIGTERM: the mounts stop accepting (they check ApplicationStopping); once the hub has
/// dispatched everything already committed, every connection is told 1001 after its queued
/// messages, and stop waits for them, all within the drain timeout. The drain starts on
/// ApplicationStopping because Kestrel stops before this service and waits for the very
/// WebSocket requests the drain ends; the hub dispatcher stops after both.
/// </summary>
internal sealed partial class GracefulShutdown(
    IHostApplicationLifetime lifetime,
    SessionRegistry sessions,
    HeraldCounters counters,
    IOptions<HeraldOptions> options,
    ILogger<GracefulShutdown> logger) : IHostedService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    // The drain bound is wall-clock time on a real process being stopped, not application
    // time: a test clock that stands still must not make shutdown wait for ever.
    private static readonly TimeProvider Wall = TimeProvider.System;

    private readonly Lock _lock = new();
    private Task? _drain;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(() => Drain());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Drain();

    private Task Drain()
    {
        lock (_lock)
        {
            return _drain ??= Task.Run(DrainAsync);
        }
    }

    private async Task DrainAsync()
    {
        var started = Wall.GetTimestamp();
        bool Within() => Wall.GetElapsedTime(started) < options.Value.DrainTimeout;

        // Acknowledged publishes reach connected clients before they are told to go.
        while (!counters.DispatchCaughtUp && Within())
        {
            await Task.Delay(Poll, Wall, CancellationToken.None);
        }

        Log.Draining(logger, sessions.Count);
        sessions.CloseAll(CloseCodes.GoingAway, "server shutting down", flush: true);
        while (sessions.Count > 0 && Within())
        {
            await Task.Delay(Poll, Wall, CancellationToken.None);
        }

        if (sessions.Count > 0)
        {
            Log.DrainTimedOut(logger, sessions.Count);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.Draining, Level = LogLevel.Information, EventName = "Draining", Message = "Shutting down: closing {Count} connections with 1001.")]
        public static partial void Draining(ILogger logger, int count);

        [LoggerMessage(EventId = EventIds.DrainTimedOut, Level = LogLevel.Warning, EventName = "DrainTimedOut", Message = "The drain timeout passed with {Count} connections still open; they will be aborted.")]
        public static partial void DrainTimedOut(ILogger logger, int count);
    }
}
