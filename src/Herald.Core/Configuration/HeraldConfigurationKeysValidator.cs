using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Herald.Configuration;

/// <summary>
/// Fails start-up on a key under the <c>Herald</c> section that nothing reads: a misspelt option
/// would otherwise change nothing and leave the operator believing it took effect.
/// </summary>
internal sealed class HeraldConfigurationKeysValidator(IConfiguration section, IOptions<HeraldConfigurationKeys> extra) : IValidateOptions<HeraldOptions>
{
    public ValidateOptionsResult Validate(string? name, HeraldOptions options)
    {
        if (name != Options.DefaultName || section is not IConfigurationSection root)
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = new List<string>();
        var properties = ConfigurationShape.BindableProperties(typeof(HeraldOptions));
        foreach (var child in root.GetChildren())
        {
            if (properties.TryGetValue(child.Key, out var property))
            {
                ConfigurationShape.Check(child, property.PropertyType, errors);
            }
            else if (extra.Value.Extra.TryGetValue(child.Key, out var shape))
            {
                ConfigurationShape.Check(child, shape, errors);
            }
            else
            {
                errors.Add(ConfigurationShape.Unknown(child, properties.Keys.Concat(extra.Value.Extra.Keys)));
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
