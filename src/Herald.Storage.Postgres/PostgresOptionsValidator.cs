using Microsoft.Extensions.Options;

namespace Herald.Storage.Postgres;

/// <summary>Fails start-up on <c>Herald:Postgres</c> timings that would make a node flap or never notice an outage.</summary>
internal sealed class PostgresOptionsValidator : IValidateOptions<PostgresOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresOptions o)
    {
        var errors = new List<string>();
        Positive(errors, nameof(o.HeartbeatInterval), o.HeartbeatInterval);
        Positive(errors, nameof(o.NodeTimeout), o.NodeTimeout);
        Positive(errors, nameof(o.SweepInterval), o.SweepInterval);
        Positive(errors, nameof(o.ListenProbeInterval), o.ListenProbeInterval);
        Positive(errors, nameof(o.ProbeTimeout), o.ProbeTimeout);
        if (o.ReadBackSlack < 0)
        {
            errors.Add("Herald:Postgres:ReadBackSlack must not be negative.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"Herald:Postgres:{name} must be positive.");
        }
    }
}
