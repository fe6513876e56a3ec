using Herald.Configuration;

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
}
