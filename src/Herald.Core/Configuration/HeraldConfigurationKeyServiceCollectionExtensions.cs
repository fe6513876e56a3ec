using Herald.Configuration;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

public static class HeraldConfigurationKeyServiceCollectionExtensions
{
    /// <summary>
    /// Declares a key under the <c>Herald</c> section that the application reads itself, so the
    /// start-up check for misspelt options lets it through.
    /// </summary>
    public static IServiceCollection AddHeraldConfigurationKey(this IServiceCollection services, string key, Type shape) =>
        services.Configure<HeraldConfigurationKeys>(keys => keys.Add(key, shape));

    /// <summary>Declares every settable property of <paramref name="shape"/> as a key under the <c>Herald</c> section, as <see cref="AddHeraldConfigurationKey"/> does one.</summary>
    public static IServiceCollection AddHeraldConfigurationKeys(this IServiceCollection services, Type shape) =>
        services.Configure<HeraldConfigurationKeys>(keys =>
        {
            foreach (var (key, property) in ConfigurationShape.BindableProperties(shape))
            {
                keys.Add(key, property.PropertyType);
            }
        });

    /// <summary>
    /// Binds <typeparamref name="TOptions"/> (a store's or an extension's) to <paramref name="configuration"/>;
    /// when that is a section directly under <c>Herald</c> (<c>Herald:Redis</c>), also declares its key so
    /// the start-up check for misspelt options lets it through.
    /// </summary>
    public static IServiceCollection BindHeraldSection<TOptions>(this IServiceCollection services, IConfiguration configuration)
        where TOptions : class
    {
        services.AddOptions<TOptions>().Bind(configuration);
        if (configuration is IConfigurationSection section
            && string.Equals(ConfigurationPath.GetParentPath(section.Path), HeraldOptions.SectionName, StringComparison.OrdinalIgnoreCase))
        {
            services.AddHeraldConfigurationKey(section.Key, typeof(TOptions));
        }

        return services;
    }
}
