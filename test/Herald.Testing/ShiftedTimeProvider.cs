namespace Herald.Testing;

/// <summary>The system clock moved by <see cref="Shift"/>: wall-clock checks jump, timers keep running.</summary>
public sealed class ShiftedTimeProvider : TimeProvider
{
    public TimeSpan Shift { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Shift;
}
