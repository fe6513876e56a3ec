namespace Herald.Client;

/// <summary>Exponential backoff with jitter between reconnect attempts.</summary>
public sealed class BackoffOptions
{
    /// <summary>The first delay; each further attempt multiplies it by <see cref="Multiplier"/>.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    public double Multiplier { get; set; } = 2;

    /// <summary>The random share of each delay, 0..1: 0.5 waits between half and all of it, so clients do not reconnect in lockstep.</summary>
    public double Jitter { get; set; } = 0.5;

    /// <summary>A connection that stayed up this long starts the next backoff from <see cref="InitialDelay"/> again.</summary>
    public TimeSpan ResetAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The jitter's source; replace it for deterministic tests.</summary>
    public Random Random { get; set; } = Random.Shared;
}
