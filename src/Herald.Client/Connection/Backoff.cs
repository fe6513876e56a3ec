namespace Herald.Client;

/// <summary>Computes reconnect delays from <see cref="BackoffOptions"/>.</summary>
internal sealed class Backoff(BackoffOptions options)
{
    /// <summary>The delay before attempt number <paramref name="attempt"/> (0-based).</summary>
    public TimeSpan Delay(int attempt)
    {
        var initial = options.InitialDelay.TotalMilliseconds;
        var ceiling = Math.Min(options.MaxDelay.TotalMilliseconds, initial * Math.Pow(Math.Max(1, options.Multiplier), Math.Max(0, attempt)));
        return TimeSpan.FromMilliseconds(ceiling * (1 - (JitterShare * options.Random.NextDouble())));
    }

    /// <summary>"Reconnect at once" (1001): no backoff, only a little spread so a drained node's clients do not stampede.</summary>
    public TimeSpan Immediate() => TimeSpan.FromMilliseconds(options.InitialDelay.TotalMilliseconds * JitterShare * options.Random.NextDouble());

    private double JitterShare => Math.Clamp(options.Jitter, 0, 1);
}
