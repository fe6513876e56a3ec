using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Herald.Configuration;

/// <summary>
/// Walks a configuration section against the type it binds to and names every key the binder
/// would silently ignore. Names compare case-insensitively, as the binder does, so upper-case
/// environment variables pass.
/// </summary>
internal static class ConfigurationShape
{
    public static void Check(IConfigurationSection section, Type type, List<string> errors)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (IsScalar(type))
        {
            foreach (var child in section.GetChildren())
            {
                errors.Add($"{child.Path} is not an option: {section.Path} takes a single value.");
            }

            return;
        }

        if (ElementType(type) is { } element)
        {
            foreach (var child in section.GetChildren())
            {
                Check(child, element, errors);
            }

            return;
        }

        var properties = BindableProperties(type);
        foreach (var child in section.GetChildren())
        {
            if (properties.TryGetValue(child.Key, out var property))
            {
                Check(child, property.PropertyType, errors);
            }
            else
            {
                errors.Add(Unknown(child, properties.Keys));
            }
        }
    }

    public static string Unknown(IConfigurationSection child, IEnumerable<string> known)
    {
        var hint = DidYouMean.Closest(child.Key, known) is { } match ? $" Did you mean '{match}'?" : "";
        return $"{child.Path} is not a Herald option, so it would be ignored.{hint} Fix or remove it; the options are listed in the README's configuration table.";
    }

    public static Dictionary<string, PropertyInfo> BindableProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && (p.SetMethod?.IsPublic == true || ElementType(p.PropertyType) is not null))
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
        || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Guid) || type == typeof(Uri);

    /// <summary>The value type of a dictionary or the element type of a list or array; null for anything else.</summary>
    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (!type.IsGenericType || !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        var arguments = type.GetGenericArguments();
        return arguments.Length switch
        {
            1 => arguments[0],
            2 => arguments[1],
            _ => null,
        };
    }
}
