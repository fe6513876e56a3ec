using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Herald.AspNetCore.Authentication;

/// <summary>Herald's scheme and policies, added beside whatever authentication the application has.</summary>
internal static class HeraldAuthenticationSetup
{
    public static void AddHeraldAuthentication(this IServiceCollection services)
    {
        services.TryAddSingleton<CredentialAuthenticator>();
        if (services.Any(d => d.ServiceType == typeof(HeraldAuthenticationHandler)))
        {
            return;
        }

        // No default scheme: the application's own stay its defaults.
        services.TryAddTransient<HeraldAuthenticationHandler>();
        services.AddAuthentication(options => options.AddScheme<HeraldAuthenticationHandler>(HeraldAuthenticationDefaults.AuthenticationScheme, displayName: null));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<AuthenticationOptions>, KeepApplicationDefaultScheme>());
        services.AddAuthorizationBuilder()
            .AddPolicy(HeraldPolicies.Authenticated, policy => policy
                .AddAuthenticationSchemes(HeraldAuthenticationDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser())
            .AddPolicy(HeraldPolicies.Admin, policy => policy
                .AddAuthenticationSchemes(HeraldAuthenticationDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new HeraldAttributeRequirement("admin")));
    }

}
