using Herald.Protocol;
using Herald.Security.ApiKeys;
using Herald.Sessions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Herald.AspNetCore.Hosting;

/// <summary>
/// Closes, with 4001, connections whose API key was revoked or deactivated on any node: the
/// key store is shared by the cluster, so checking this node's keys every two seconds keeps
/// revocation well inside the promised five seconds everywhere.
/// </summary>
internal sealed partial class KeyRevocationMonitor(SessionRegistry sessions, IApiKeyStore keys, TimeProvider time, ILogger<KeyRevocationMonitor> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await CheckAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    internal async Task CheckAsync(CancellationToken cancellationToken)
    {
        var ids = sessions.All.Select(s => s.Principal.CredentialId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        foreach (var id in ids)
        {
            try
            {
                if (await keys.GetAsync(id, cancellationToken) is not { Active: true })
                {
                    Log.Revoked(logger, id);
                    sessions.CloseCredential(id, CloseCodes.NotAuthenticated, "API key revoked");
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A store outage must not close every key's connections: try again next tick.
                Log.CheckFailed(logger, id, ex);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.KeyRevoked, Level = LogLevel.Information, EventName = "KeyRevoked", Message = "API key {KeyId} is no longer active; closing its connections.")]
        public static partial void Revoked(ILogger logger, string keyId);

        [LoggerMessage(EventId = EventIds.KeyCheckFailed, Level = LogLevel.Warning, EventName = "KeyCheckFailed", Message = "Checking API key {KeyId} failed.")]
        public static partial void CheckFailed(ILogger logger, string keyId, Exception exception);
    }
}
