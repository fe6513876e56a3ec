using Herald.AspNetCore.Cluster;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.AspNetCore.Hosting;

/// <summary>
/// Checks at <c>Map</c> time that the matching <c>Add</c> call was made: a missing one otherwise
/// surfaces as a DI error naming an internal type, or only at the first request.
/// </summary>
internal static class Prerequisites
{
    public static void RequireHerald(IEndpointRouteBuilder endpoints, string call)
    {
        if (!Has<HeraldMarker>(endpoints))
        {
            throw new InvalidOperationException(
                $"{call} needs Herald's services: call builder.Services.AddHerald(builder.Configuration.GetSection(\"Herald\")) before builder.Build().");
        }
    }

    public static void RequireCluster(IEndpointRouteBuilder endpoints, string call)
    {
        RequireHerald(endpoints, call);
        if (!Has<ClusterStatusService>(endpoints))
        {
            throw new InvalidOperationException(
                $"{call} needs the cluster feed: call builder.Services.AddHerald(...).AddCluster() before builder.Build().");
        }
    }

    private static bool Has<T>(IEndpointRouteBuilder endpoints) =>
        endpoints.ServiceProvider.GetService<IServiceProviderIsService>() is { } services
            ? services.IsService(typeof(T))
            : endpoints.ServiceProvider.GetService(typeof(T)) is not null;
}
