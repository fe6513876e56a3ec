using Herald.AspNetCore.Cluster;
using Herald.Configuration;
using Herald.Security.ApiKeys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Herald.AspNetCore.Hosting;

/// <summary>
/// Says at start-up what an unconfigured Herald cannot do. It starts anyway (health, OpenAPI and the
/// rest of the application work, and a key may be added at run time), but a newcomer who pasted
/// <c>AddHerald</c> must not meet a silent 4001 or <c>INVALID_CHANNEL</c> with no hint in the log.
/// </summary>
internal sealed partial class StartupAdvisor(IOptions<HeraldOptions> options, IApiKeyStore keys, IServiceProvider services, ILogger<StartupAdvisor> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var herald = options.Value;
        var jwt = herald.Jwt;
        if (string.IsNullOrEmpty(jwt.Secret) && string.IsNullOrEmpty(jwt.PublicKey) && string.IsNullOrEmpty(jwt.PublicKeyFile)
            && !await HasActiveKeyAsync(cancellationToken))
        {
            Log.NoCredential(logger);
        }

        // AddCluster adds its admin-only namespace by itself; it is no place for an application's events.
        var builtIn = services.GetService<ClusterStatusService>() is not null ? 1 : 0;
        var own = herald.Namespaces.Keys.Count(n => builtIn == 0 || !string.Equals(n, ClusterStatusService.Channel, StringComparison.OrdinalIgnoreCase));
        if (own == 0 && string.IsNullOrEmpty(herald.DefaultNamespace))
        {
            Log.NoNamespace(logger);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async ValueTask<bool> HasActiveKeyAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await keys.ListAsync(cancellationToken)).Any(k => k.Active);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // An unreachable store is reported by readiness; here it only means "maybe".
            return true;
        }
    }
}
