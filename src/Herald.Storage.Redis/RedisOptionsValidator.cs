using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Herald.Storage.Redis;

/// <summary>Fails start-up on a <c>Herald:Redis</c> that names no instance, names one twice or has timings that could never work.</summary>
internal sealed class RedisOptionsValidator : IValidateOptions<RedisOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisOptions o)
    {
        var errors = new List<string>();
        if (o.ConnectionStrings.Count > 0 && !string.IsNullOrWhiteSpace(o.ConnectionString))
        {
            errors.Add("Herald:Redis has both ConnectionString and ConnectionStrings: set one (ConnectionStrings for several instances).");
        }

        if (o.Instances.Count == 0)
        {
            errors.Add("Herald:Store is redis but neither Herald:Redis:ConnectionString nor Herald:Redis:ConnectionStrings is set.");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < o.ConnectionStrings.Count; i++)
        {
            var instance = o.ConnectionStrings[i];
            if (string.IsNullOrWhiteSpace(instance))
            {
                errors.Add($"Herald:Redis:ConnectionStrings:{i} is empty.");
            }
            else if (!seen.Add(instance.Trim()))
            {
                errors.Add($"Herald:Redis:ConnectionStrings:{i} names an instance already listed: each shard needs its own.");
            }
        }

        foreach (var instance in o.Instances.Where(s => !string.IsNullOrWhiteSpace(s)))
        {
            try
            {
                ConfigurationOptions.Parse(instance);
            }
            catch (ArgumentException ex)
            {
                // The message names the bad option, never a password.
                errors.Add($"A Herald:Redis connection string is not valid: {ex.Message}");
            }
        }

        if (string.IsNullOrEmpty(o.KeyPrefix))
        {
            errors.Add("Herald:Redis:KeyPrefix must not be empty.");
        }

        if (o.ReadBackSlack < 0)
        {
            errors.Add("Herald:Redis:ReadBackSlack must not be negative.");
        }

        Positive(errors, nameof(o.ProbeInterval), o.ProbeInterval);
        Positive(errors, nameof(o.ProbeTimeout), o.ProbeTimeout);
        Positive(errors, nameof(o.CommandTimeout), o.CommandTimeout);
        Positive(errors, nameof(o.HeartbeatInterval), o.HeartbeatInterval);
        Positive(errors, nameof(o.NodeTimeout), o.NodeTimeout);
        if (o.NodeTimeout <= o.HeartbeatInterval)
        {
            errors.Add("Herald:Redis:NodeTimeout must be longer than HeartbeatInterval, or live nodes would be declared gone.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"Herald:Redis:{name} must be positive.");
        }
    }
}
